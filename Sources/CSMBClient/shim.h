// libsmbclient (Samba) reads SMB shares without mounting them. Seen only by the SMB wrapper
// target. The header comes from Debian's libsmbclient-dev (in /usr/include/samba-4.0).
//
// The library is not linked: it pulls in about a hundred Samba libraries whose relocations
// cost every nokori process ~70 ms at start, SMB or not. The SMB target loads it with dlopen
// on first use and fills `nokori_smbc_api` with dlsym; the field types are taken from the
// header's declarations, so a signature mismatch is a compile error, not a crash.
#include <sys/types.h>
#include <sys/stat.h>
#include <samba-4.0/libsmbclient.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

struct nokori_smbc_api {
  __typeof__(&smbc_new_context) new_context;
  __typeof__(&smbc_init_context) init_context;
  __typeof__(&smbc_free_context) free_context;
  __typeof__(&smbc_setDebug) set_debug;
  __typeof__(&smbc_setOptionDebugToStderr) set_debug_to_stderr;
  __typeof__(&smbc_setTimeout) set_timeout;
  __typeof__(&smbc_setOptionUseKerberos) set_use_kerberos;
  __typeof__(&smbc_setOptionFallbackAfterKerberos) set_fallback_after_kerberos;
  __typeof__(&smbc_setOptionUseCCache) set_use_ccache;
  __typeof__(&smbc_setOptionUserData) set_user_data;
  __typeof__(&smbc_getOptionUserData) get_user_data;
  __typeof__(&smbc_setFunctionAuthDataWithContext) set_auth_function;
  __typeof__(&smbc_getFunctionOpendir) get_opendir;
  __typeof__(&smbc_getFunctionReaddirPlus2) get_readdirplus2;
  __typeof__(&smbc_getFunctionClosedir) get_closedir;
  __typeof__(&smbc_getFunctionStat) get_stat;
  __typeof__(&smbc_getFunctionOpen) get_open;
  __typeof__(&smbc_getFunctionFstat) get_fstat;
  __typeof__(&smbc_getFunctionRead) get_read;
  __typeof__(&smbc_getFunctionClose) get_close;
};

// Files read over SMB are copied into anonymous memory (never a temporary file on disk) so
// the descriptor-based readers work on them unchanged. Swift's Glibc module does not export
// memfd_create (it is behind _GNU_SOURCE), so the system call is made here.
static inline int nokori_memfd_create(const char *name) {
  return (int)syscall(SYS_memfd_create, name, 0x0001U /* MFD_CLOEXEC */ | 0x0002U /* MFD_ALLOW_SEALING */);
}

// Seals a memory file against any further change (F_ADD_SEALS with SEAL, SHRINK, GROW, WRITE).
static inline int nokori_seal_read_only(int fd) {
  return fcntl(fd, 1033 /* F_ADD_SEALS */, 0x0001 | 0x0002 | 0x0004 | 0x0008);
}
