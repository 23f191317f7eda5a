/// Why a bundle could not be written or read.
public enum EvidenceError: Error, CustomStringConvertible, Equatable {
  case outputExists(path: String)
  case cannotWrite(path: String, reason: String)
  case unreadableBundle(path: String, reason: String)

  public var description: String {
    switch self {
    case .outputExists(let path): "\(path) already exists; pass --force to replace it"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .unreadableBundle(let path, let reason): "cannot read the bundle \(path): \(reason)"
    }
  }
}
