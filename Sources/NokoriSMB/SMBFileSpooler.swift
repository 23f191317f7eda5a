import NokoriExtract
import SMB

#if canImport(Glibc)
  import Glibc
#endif

/// Opens files on shares for one file scanner, which owns it (and so its own libsmbclient
/// context: contexts are never shared between tasks).
///
/// Why a copy into memory: the readers after sniffing want a descriptor with random access
/// (libarchive seeks in a zip's central directory, the PDF worker opens a path, the hash
/// re-reads the file). Copying the file from `smbc_read` into a sealed anonymous memory file
/// (`memfd_create`) hands them exactly that, so every format reads over SMB through the same
/// code as a local file, and the PDF worker opens it as `/proc/PID/fd/N`. The copy is bounded
/// by `--max-file-size` and ``SMBSettings/spoolLimit`` (at most `--jobs` copies at once), and
/// never goes to a temporary file on disk. Streaming text straight from `smbc_read` would save
/// that memory for huge text files, at the cost of a second read path through the scanner.
public final class SMBFileSpooler {
  private let logon: SMBLogon
  private let limit: Int64
  private let health: SMBShareHealth
  private var context: SMBContext?
  private var buffer = [UInt8](repeating: 0, count: 1 << 20)

  public init(settings: SMBSettings, roots: [String]) {
    logon = settings.logon(roots: roots)
    limit = settings.spoolLimit
    health = settings.health
  }

  /// Why a file on a share could not be opened for reading.
  public enum Failure: Error, CustomStringConvertible {
    case location(SMBLocationError)
    case smb(SMBError)
    case notRegular
    case tooLarge(size: Int64, limit: Int64)
    case memory(Int32)
    case adopt(FileOpenError)

    public var description: String {
      switch self {
      case .location(let error): "\(error)"
      case .smb(let error): "\(error)"
      case .notRegular: "no longer a regular file; not read"
      case .tooLarge(let size, let limit):
        "\(size) bytes, over the SMB in-memory copy limit of \(limit) (files read over SMB are held in memory)"
      case .memory(let code): "memory copy: \(String(cString: strerror(code)))"
      case .adopt(let error): "memory copy: \(error)"
      }
    }
  }

  /// Whether the share holding display URL `path` answers (its top folder can be examined):
  /// a file reported missing on a share that answers is gone; on one that does not, it is
  /// the share that is missing (removed, renamed, or the logon no longer reaches it).
  public func shareAnswers(_ path: String) -> Bool {
    guard var location = try? SMBLocation(displayURL: path) else { return false }
    location.components = []
    do throws(SMBError) {
      let context: SMBContext
      if let existing = self.context {
        context = existing
      } else {
        context = try SMBContext(logon: logon)
        self.context = context
      }
      return try context.status(location.libraryURL).kind == .directory
    } catch {
      if error.isConnectionLost { context = nil }
      return false
    }
  }

  /// Copies the file at display URL `path` into memory and returns it opened read-only.
  public func open(_ path: String, maxFileSize: Int64?) throws(Failure) -> ReadOnlyFile {
    let location: SMBLocation
    do { location = try SMBLocation(displayURL: path) } catch { throw .location(error) }
    let limit = min(self.limit, maxFileSize ?? .max)
    if let known = health.knownFailure(location) { throw .smb(known) }
    do {
      let context = try self.context ?? SMBContext(logon: logon)
      self.context = context
      let file: SMBFile
      do { file = try context.open(location.libraryURL) } catch {
        health.record(location, failure: error)
        throw error
      }
      health.record(location, failure: nil)
      let status = try file.status()
      guard status.kind == .file else { throw Failure.notRegular }
      guard status.size <= limit else { throw Failure.tooLarge(size: status.size, limit: limit) }
      let descriptor: Int32
      do { descriptor = try file.copyIntoMemory(limit: limit, modified: status.mtime, buffer: &buffer) } catch {
        switch error {
        case .smb(let smb): throw smb
        case .tooLarge(let limit): throw Failure.tooLarge(size: limit + 1, limit: limit)
        case .memory(let code): throw Failure.memory(code)
        }
      }
      do { return try ReadOnlyFile(adopting: descriptor, path: "/proc/\(getpid())/fd/\(descriptor)") } catch {
        throw Failure.adopt(error)
      }
    } catch let error as SMBError {
      // A broken connection is not reused: the next file starts a new context and reconnects.
      if error.isConnectionLost { context = nil }
      throw .smb(error)
    } catch let failure as Failure {
      throw failure
    } catch {
      throw .memory(EIO)
    }
  }
}
