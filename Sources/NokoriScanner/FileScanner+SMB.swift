import NokoriCore
import NokoriExtract
import NokoriSMB
import NokoriWalk

extension FileScanner {
  /// Opens a file on a share (copied into memory, see ``SMBFileSpooler``); on failure, fills
  /// `report` with the outcome and returns nil.
  func openSMB(_ entry: WalkEntry, into report: inout FileReport) -> ReadOnlyFile? {
    do {
      return try smbSpooler.open(entry.path, maxFileSize: options.maxFileSize)
    } catch {
      switch error {
      case .smb(let smb) where smb.kind == .notFound:
        report.outcome = .vanished
        report.detail = "gone before it could be read"
      case .notRegular:
        report.outcome = .specialFile
        report.detail = "\(error)"
      case .tooLarge:
        report.outcome = .tooLarge
        report.detail = "\(error)"
      default:
        report.outcome = .unreadable
        report.detail = "smb \(error)"
      }
      return nil
    }
  }
}
