import CPoppler

#if canImport(Glibc)
  import Glibc
#endif

/// Why a PDF could not be opened, as text with no document content in it.
public enum PDFOpenError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Password-protected, and the password tried (empty by default) does not open it.
  case encrypted
  /// Not a PDF poppler could make sense of (truncated, broken beyond repair, not a PDF).
  case damaged(String)
  /// libpoppler-glib could not be loaded: no PDF can be read by this process.
  case readerUnavailable(String)

  public var description: String {
    switch self {
    case .encrypted: "password-protected PDF"
    case .damaged(let message): message
    case .readerUnavailable(let why): why
    }
  }
}

/// libpoppler-glib's functions, loaded when the first PDF is opened: a process that reads no
/// PDF never maps poppler.
enum PopplerLibrary {
  static let api: Result<nokori_poppler_api, PDFOpenError> = load()

  private static func load() -> Result<nokori_poppler_api, PDFOpenError> {
    // The versioned name: the unversioned one exists only with the -dev package. Another
    // build is named with $NOKORI_POPPLER_LIBRARY.
    let library = getenv("NOKORI_POPPLER_LIBRARY").map { String(cString: $0) } ?? "libpoppler-glib.so.8"
    let table = UnsafeMutablePointer<nokori_poppler_api>.allocate(capacity: 1)
    defer { table.deallocate() }
    if let why = nokori_poppler_load(library, table) {
      return .failure(.readerUnavailable("libpoppler-glib could not be loaded (\(String(cString: why)))"))
    }
    return .success(table.pointee)
  }
}

/// A value of an interactive form field (AcroForm), with the field's name.
public struct PDFFormValue: Sendable, Equatable {
  public var name: String
  public var value: String
  /// 1-based page the field's widget sits on.
  public var page: Int
}

/// A grayscale rendering of a page, one byte per pixel, row after row.
public struct GrayImage: Sendable {
  public var width: Int
  public var height: Int
  public var pixels: [UInt8]
  /// The resolution the page was rendered at (dots per inch of the printed page).
  public var dpi: Double
}

/// An open PDF, read through poppler-glib. Owns the `PopplerDocument` and every page object
/// it hands out; nothing poppler allocates outlives a call. One thread uses it at a time.
public final class PDFDocument {
  let api: nokori_poppler_api
  private let handle: OpaquePointer

  /// Opens the PDF at `path` (a file path, not a URI) with `password` (nil tries the empty
  /// user password, which opens PDFs that are encrypted only against editing).
  /// - Throws: ``PDFOpenError``.
  public init(path: String, password: String? = nil) throws(PDFOpenError) {
    let api = try PopplerLibrary.api.get()
    var error: UnsafeMutablePointer<GError>?
    // A URI names an absolute path; a relative one is taken from the working directory.
    var absolute = path
    if !path.hasPrefix("/"), let cwd = getcwd(nil, 0) {
      absolute = String(cString: cwd) + "/" + path
      free(cwd)
    }
    guard let uri = g_filename_to_uri(absolute, nil, &error) else {
      nokori_clear_error(&error)
      throw .damaged("path cannot be written as a URI")
    }
    defer { g_free(uri) }
    guard let document = api.document_new_from_file(uri, password ?? "", &error) else {
      throw Self.openError(&error, api: api)
    }
    self.api = api
    handle = document
  }

  deinit {
    g_object_unref(UnsafeMutableRawPointer(handle))
  }

  private static func openError(_ error: inout UnsafeMutablePointer<GError>?, api: nokori_poppler_api) -> PDFOpenError {
    defer { nokori_clear_error(&error) }
    guard let value = error?.pointee else { return .damaged("not a readable PDF") }
    if value.domain == api.error_quark(), value.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
      return .encrypted
    }
    // poppler's messages name the structure that failed ("PDF document is damaged"), never content.
    return .damaged(value.message.map { String(cString: $0) } ?? "not a readable PDF")
  }

  /// Number of pages the document declares.
  public var pageCount: Int { Int(api.document_get_n_pages(handle)) }

  /// Title, author, subject, keywords, creator and producer, where set (name, value).
  public var metadata: [(String, String)] {
    let getters: [(String, @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<gchar>?)] = [
      ("title", api.document_get_title),
      ("author", api.document_get_author),
      ("subject", api.document_get_subject),
      ("keywords", api.document_get_keywords),
      ("creator", api.document_get_creator),
    ]
    return getters.compactMap { name, get in
      guard let value = Self.take(get(handle)), !value.isEmpty else { return nil }
      return (name, value)
    }
  }

  /// The text of page `index` (0-based) in poppler's reading order, or nil if the page cannot be loaded.
  public func text(page index: Int) -> String? {
    withPage(index) { Self.take(api.page_get_text($0)) } ?? nil
  }

  /// The values of the form fields (text and choice fields) on page `index` (0-based).
  public func formValues(page index: Int) -> [PDFFormValue] {
    withPage(index) { page -> [PDFFormValue] in
      guard let list = api.page_get_form_field_mapping(page) else { return [] }
      defer { api.page_free_form_field_mapping(list) }
      var values: [PDFFormValue] = []
      var node: UnsafeMutablePointer<GList>? = list
      while let current = node {
        node = current.pointee.next
        guard let data = current.pointee.data else { continue }
        let mapping = data.assumingMemoryBound(to: PopplerFormFieldMapping.self).pointee
        guard let field = mapping.field else { continue }
        let value: String?
        switch api.form_field_get_field_type(field) {
        case POPPLER_FORM_FIELD_TEXT: value = Self.take(api.form_field_text_get_text(field))
        case POPPLER_FORM_FIELD_CHOICE: value = Self.take(api.form_field_choice_get_text(field))
        default: value = nil
        }
        guard let value, !value.isEmpty else { continue }
        let name = Self.take(api.form_field_get_name(field)) ?? "field"
        values.append(PDFFormValue(name: name, value: value, page: index + 1))
      }
      return values
    } ?? []
  }

  /// The share of page `index`'s area covered by images (0…1, overlaps counted twice, capped).
  public func imageCoverage(page index: Int) -> Double {
    withPage(index) { page -> Double in
      var width = 0.0
      var height = 0.0
      api.page_get_size(page, &width, &height)
      guard width > 0, height > 0, let list = api.page_get_image_mapping(page) else { return 0 }
      defer { api.page_free_image_mapping(list) }
      var covered = 0.0
      var node: UnsafeMutablePointer<GList>? = list
      while let current = node {
        node = current.pointee.next
        guard let data = current.pointee.data else { continue }
        let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
        covered += abs(area.x2 - area.x1) * abs(area.y2 - area.y1)
      }
      return min(1, covered / (width * height))
    } ?? 0
  }

  /// Renders page `index` in grayscale at `dpi`, scaled down so that it holds at most
  /// `maxPixels` pixels (a page declared a kilometre wide must not allocate gigabytes).
  public func render(page index: Int, dpi: Double = 300, maxPixels: Int = 40_000_000) -> GrayImage? {
    withPage(index) { page -> GrayImage? in
      var width = 0.0
      var height = 0.0
      api.page_get_size(page, &width, &height)
      guard width > 0, height > 0, width.isFinite, height.isFinite else { return nil }
      var scale = dpi / 72
      let pixels = width * height * scale * scale
      if pixels > Double(maxPixels) { scale *= (Double(maxPixels) / pixels).squareRoot() }
      let columns = max(1, Int(width * scale))
      let rows = max(1, Int(height * scale))
      guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns), Int32(rows)) else {
        return nil
      }
      defer { cairo_surface_destroy(surface) }
      guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
        return nil
      }
      cairo_set_source_rgb(context, 1, 1, 1)
      cairo_paint(context)
      cairo_scale(context, scale, scale)
      api.page_render(page, context)
      cairo_destroy(context)
      cairo_surface_flush(surface)
      guard let data = cairo_image_surface_get_data(surface) else { return nil }
      let stride = Int(cairo_image_surface_get_stride(surface))
      var gray = [UInt8](repeating: 255, count: columns * rows)
      for row in 0..<rows {
        let line = data + row * stride
        for column in 0..<columns {
          // RGB24 is stored as native-endian 32-bit words: 0x00RRGGBB.
          let pixel = UnsafeRawPointer(line + column * 4).loadUnaligned(as: UInt32.self)
          let red = (pixel >> 16) & 0xFF
          let green = (pixel >> 8) & 0xFF
          let blue = pixel & 0xFF
          gray[row * columns + column] = UInt8((red * 299 + green * 587 + blue * 114) / 1000)
        }
      }
      return GrayImage(width: columns, height: rows, pixels: gray, dpi: scale * 72)
    } ?? nil
  }

  /// The files embedded in the document (name and content), read up to `maxBytes` in all;
  /// `truncated` is true for those that did not fit.
  public func attachments(maxBytes: Int) -> [(name: String, data: [UInt8], truncated: Bool)] {
    guard let list = api.document_get_attachments(handle) else { return [] }
    defer { g_list_free_full(list) { g_object_unref($0) } }
    var result: [(String, [UInt8], Bool)] = []
    var remaining = maxBytes
    var node: UnsafeMutablePointer<GList>? = list
    while let current = node {
      node = current.pointee.next
      guard let data = current.pointee.data else { continue }
      let attachment = data.assumingMemoryBound(to: PopplerAttachment.self)
      let name = api.attachment_get_name(attachment).map { String(cString: $0) } ?? "attachment"
      let sink = AttachmentSink(limit: remaining)
      var error: UnsafeMutablePointer<GError>?
      _ = api.attachment_save_to_callback(
        attachment,
        { buffer, count, userData, _ in
          guard let userData else { return 0 }
          let sink = Unmanaged<AttachmentSink>.fromOpaque(userData).takeUnretainedValue()
          return sink.append(buffer, count) ? 1 : 0
        }, Unmanaged.passUnretained(sink).toOpaque(), &error)
      nokori_clear_error(&error)
      remaining -= sink.bytes.count
      result.append((name, sink.bytes, sink.truncated))
    }
    return result
  }

  /// Runs `body` on page `index`, releasing the page afterwards; nil if it cannot be loaded.
  func withPage<T>(_ index: Int, _ body: (OpaquePointer) -> T) -> T? {
    guard index >= 0, index < pageCount, let page = api.document_get_page(handle, Int32(index)) else { return nil }
    defer { g_object_unref(UnsafeMutableRawPointer(page)) }
    return body(page)
  }

  /// A glib-allocated string as a Swift string; frees it.
  private static func take(_ value: UnsafeMutablePointer<gchar>?) -> String? {
    guard let value else { return nil }
    defer { g_free(value) }
    return String(cString: value)
  }
}

/// Collects an attachment's bytes from poppler's save callback, up to a limit.
private final class AttachmentSink {
  let limit: Int
  var bytes: [UInt8] = []
  var truncated = false

  init(limit: Int) { self.limit = limit }

  /// False stops poppler's writing (the attachment is past the limit).
  func append(_ buffer: UnsafePointer<gchar>?, _ count: gsize) -> Bool {
    guard let buffer else { return false }
    let room = limit - bytes.count
    let take = min(room, Int(count))
    buffer.withMemoryRebound(to: UInt8.self, capacity: take) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: take)) }
    if take < Int(count) {
      truncated = true
      return false
    }
    return true
  }
}
