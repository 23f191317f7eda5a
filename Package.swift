// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
// The per-byte loops of the detector and the extractors run on class state; the dynamic
// exclusivity checks on it cost ~15% of scan time in profiles (see BENCHMARKS.md). Static
// checks stay on; debug builds (the tests) keep the dynamic checks too.
let hotPath: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "nokori",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "nokori", targets: ["nokori"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
  ],
  targets: [
    // C libraries: the only place their headers are seen.
    .systemLibrary(
      name: "CHyperscan", pkgConfig: "libhs",
      providers: [.apt(["libvectorscan-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CLibArchive", pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"])]),
    // cairo's pkg-config file, not poppler-glib's (which would link libpoppler-glib):
    // libpoppler-glib is loaded at run time (see Sources/CPoppler/shim.h).
    .systemLibrary(
      name: "CPoppler", pkgConfig: "cairo",
      providers: [.apt(["libpoppler-glib-dev"])]),
    .systemLibrary(
      name: "CLeptonica", pkgConfig: "lept",
      providers: [.apt(["libleptonica-dev"])]),
    // Header only: libtesseract is loaded at run time (see Sources/CTesseract/shim.h). No
    // pkgConfig either: tesseract.pc adds `-lcurl`, which on Debian links libcurl-nss.
    .systemLibrary(
      name: "CTesseract",
      providers: [.apt(["libtesseract-dev"])]),
    .systemLibrary(
      name: "CYajl", pkgConfig: "yajl",
      providers: [.apt(["libyajl-dev"])]),
    .systemLibrary(
      name: "CGsf", pkgConfig: "libgsf-1",
      providers: [.apt(["libgsf-1-dev"])]),
    .systemLibrary(
      name: "CGMime", pkgConfig: "gmime-3.0",
      providers: [.apt(["libgmime-3.0-dev"])]),
    // Header only: libsmbclient is loaded at run time (see Sources/CSMBClient/shim.h).
    .systemLibrary(name: "CSMBClient"),

    // Thin Swift wrappers over the C modules; no C type escapes them.
    .target(name: "Hyperscan", dependencies: ["CHyperscan"], swiftSettings: strict),
    .target(name: "LibXML", dependencies: ["CLibXML2"], swiftSettings: hotPath),
    .target(name: "LibArchive", dependencies: ["CLibArchive"], swiftSettings: strict),
    .target(name: "Poppler", dependencies: ["CPoppler"], swiftSettings: strict),
    .target(name: "OCR", dependencies: ["CLeptonica", "CTesseract"], swiftSettings: strict),
    .target(name: "Mime", dependencies: ["CGMime"], swiftSettings: strict),
    .target(name: "Yajl", dependencies: ["CYajl"], swiftSettings: strict),
    .target(name: "Gsf", dependencies: ["CGsf"], swiftSettings: strict),
    .target(name: "SMB", dependencies: ["CSMBClient"], swiftSettings: strict),

    // The vocabulary: no I/O, no C.
    .target(
      name: "NokoriCore",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: strict),
    .target(name: "NokoriWalk", dependencies: ["NokoriCore"], swiftSettings: strict),
    .target(
      name: "NokoriDetect",
      dependencies: ["NokoriCore", "Hyperscan", "Yams", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: hotPath),
    .target(
      name: "NokoriExtract", dependencies: ["NokoriCore", "LibXML", "LibArchive", "Poppler", "OCR", "Yajl", "Gsf"],
      swiftSettings: hotPath),
    .target(
      name: "NokoriStore",
      dependencies: [
        "NokoriCore", .product(name: "GRDB", package: "GRDB.swift"),
        // Raw column access where a sweep loads 200,000 earlier verdicts (PriorFileLoader).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    .target(name: "NokoriReports", dependencies: ["NokoriCore", "NokoriStore"], swiftSettings: strict),
    // The evidence bundle: a deterministic zip, its signed manifest and its verification.
    .target(
      name: "NokoriEvidence",
      dependencies: [
        "NokoriCore", "NokoriStore", "NokoriReports", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
    // smb:// roots: URLs, credentials files, listing and reading shares through the SMB wrapper.
    .target(name: "NokoriSMB", dependencies: ["SMB", "NokoriCore", "NokoriWalk", "NokoriExtract"], swiftSettings: strict),
    .target(
      name: "NokoriScanner",
      dependencies: [
        "NokoriCore", "NokoriWalk", "NokoriExtract", "NokoriDetect", "NokoriStore", "LibXML", "LibArchive", "NokoriSMB",
        .product(name: "Crypto", package: "swift-crypto"), "Mime", "Gsf",
        "NokoriReports", "Yams",  // sweep config: sizes and YAML with line numbers
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "nokori",
      dependencies: [
        "NokoriCore", "NokoriScanner", "NokoriStore", "NokoriReports", "NokoriDetect", "NokoriExtract",
        "NokoriEvidence", "NokoriSMB", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),

    .target(
      name: "NokoriTestSupport",
      dependencies: ["NokoriCore", "NokoriDetect"],
      swiftSettings: strict),
    .testTarget(name: "NokoriCoreTests", dependencies: ["NokoriCore", "NokoriTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "NokoriDetectTests", dependencies: ["NokoriDetect", "NokoriExtract", "NokoriTestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "NokoriExtractTests", dependencies: ["NokoriExtract", "LibXML", "Poppler", "OCR", "NokoriTestSupport"],
      swiftSettings: strict),
    .testTarget(name: "NokoriWalkTests", dependencies: ["NokoriWalk", "NokoriTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "NokoriStoreTests",
      dependencies: ["NokoriStore", "NokoriTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict),
    .testTarget(
      name: "NokoriReportsTests", dependencies: ["NokoriReports", "NokoriStore", "NokoriTestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "NokoriEvidenceTests",
      dependencies: ["NokoriEvidence", "NokoriStore", "NokoriTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      swiftSettings: strict),
    .testTarget(
      name: "NokoriSMBTests", dependencies: ["NokoriSMB", "SMB", "NokoriWalk", "NokoriTestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "NokoriScanner", "NokoriStore", "NokoriTestSupport", "nokori", "NokoriSMB",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
