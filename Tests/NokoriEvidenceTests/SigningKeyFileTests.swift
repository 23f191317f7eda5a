import Foundation
import NokoriEvidence
import NokoriTestSupport
import Testing

@Suite struct SigningKeyFileTests {
  @Test func aNewKeyIsPrivateStableAndRefusedOnceOthersCanReadIt() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("config/nokori/signing.key").path
    let first = try SigningKeyFile.load(path: path, create: true)
    #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    let again = try SigningKeyFile.load(path: path, create: true)
    #expect(first.rawRepresentation == again.rawRepresentation)

    // The public key as a bundle carries it reads back as the same key.
    let publicPath = folder.appendingPathComponent("signer.pub").path
    try Data(SigningKeyFile.publicKeyText(first.publicKey).utf8).write(to: URL(fileURLWithPath: publicPath))
    #expect(try SigningKeyFile.loadPublicKey(path: publicPath).rawRepresentation == first.publicKey.rawRepresentation)

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: SigningKeyError.insecurePermissions(path: path, mode: "644")) {
      try SigningKeyFile.load(path: path, create: false)
    }
    try Data("not a key".utf8).write(to: URL(fileURLWithPath: publicPath))
    #expect(throws: SigningKeyError.self) { try SigningKeyFile.loadPublicKey(path: publicPath) }
  }

  @Test func theResolvedPathPrefersTheOptionThenTheEnvironment() {
    #expect(SigningKeyFile.resolvePath(explicit: "/k", environment: ["NOKORI_SIGNING_KEY": "/e"], configDirectory: "/c") == "/k")
    #expect(SigningKeyFile.resolvePath(explicit: nil, environment: ["NOKORI_SIGNING_KEY": "/e"], configDirectory: "/c") == "/e")
    #expect(SigningKeyFile.resolvePath(explicit: nil, environment: [:], configDirectory: "/c") == "/c/signing.key")
  }
}
