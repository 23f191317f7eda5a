/// Linux `open(2)` flags that Swift's Glibc module does not export (they need `_GNU_SOURCE`).
public enum LinuxOpenFlags {
  /// `O_NOATIME` (octal 01000000 on every Linux architecture Swift supports): reading does
  /// not update the access time, so a scan leaves no trace on the files it reads.
  public static let noAccessTime: Int32 = 0o1000000
}
