import CSMBClient
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// libsmbclient, loaded on first use, and the process-wide lock around it (see
/// ``SMBContext`` for why every call takes the lock).
enum SMBLibrary {
  static let lock = NSLock()

  /// The library's functions, or why it could not be loaded. Loaded once, when a share is
  /// first reached: a scan of local paths never pays for Samba's hundred libraries.
  static let api: Result<nokori_smbc_api, SMBError> = load()

  /// Runs `body` holding the lock; `body` must not call back into a locked function.
  static func locked<Result>(_ body: () -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  private static func load() -> Result<nokori_smbc_api, SMBError> {
    // The versioned name: the unversioned one exists only with the -dev package. A Samba
    // built elsewhere (/opt/samba/lib) is named with $NOKORI_SMBCLIENT_LIBRARY.
    let library = getenv("NOKORI_SMBCLIENT_LIBRARY").map { String(cString: $0) } ?? "libsmbclient.so.0"
    guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
      return .failure(SMBError(unavailable: "libsmbclient could not be loaded (\(reason)); install libsmbclient"))
    }
    var api = nokori_smbc_api()
    var missing: [String] = []
    func bind<Function>(_ name: String, _ field: inout Function?) {
      if let symbol = dlsym(handle, name) {
        field = unsafeBitCast(symbol, to: Function.self)
      } else {
        missing.append(name)
      }
    }
    bind("smbc_new_context", &api.new_context)
    bind("smbc_init_context", &api.init_context)
    bind("smbc_free_context", &api.free_context)
    bind("smbc_setDebug", &api.set_debug)
    bind("smbc_setOptionDebugToStderr", &api.set_debug_to_stderr)
    bind("smbc_setTimeout", &api.set_timeout)
    bind("smbc_setOptionUseKerberos", &api.set_use_kerberos)
    bind("smbc_setOptionFallbackAfterKerberos", &api.set_fallback_after_kerberos)
    bind("smbc_setOptionUseCCache", &api.set_use_ccache)
    bind("smbc_setOptionUserData", &api.set_user_data)
    bind("smbc_getOptionUserData", &api.get_user_data)
    bind("smbc_setFunctionAuthDataWithContext", &api.set_auth_function)
    bind("smbc_getFunctionOpendir", &api.get_opendir)
    bind("smbc_getFunctionReaddirPlus2", &api.get_readdirplus2)
    bind("smbc_getFunctionClosedir", &api.get_closedir)
    bind("smbc_getFunctionStat", &api.get_stat)
    bind("smbc_getFunctionOpen", &api.get_open)
    bind("smbc_getFunctionFstat", &api.get_fstat)
    bind("smbc_getFunctionRead", &api.get_read)
    bind("smbc_getFunctionClose", &api.get_close)
    guard missing.isEmpty else {
      return .failure(SMBError(unavailable: "libsmbclient lacks \(missing.joined(separator: ", "))"))
    }
    return .success(api)
  }
}
