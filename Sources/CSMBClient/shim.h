// libsmbclient (Samba) reads SMB shares without mounting them. Seen only by the SMB wrapper
// target; the header lives in the samba-4.0 include folder named by pkg-config `smbclient`.
#include <sys/types.h>
#include <sys/stat.h>
#include <libsmbclient.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

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
