#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/landlock.h>
#include <seccomp.h>

#include "core/mem.h"
#include "kiosk/sandbox.h"

void
sp_sandbox_scrub_environment(void)
{
	static const char *const keep[] = { "TERM",        "TERMINFO", "LANG",     "LC_ALL",
		                            "LC_MESSAGES", "LC_CTYPE", "NO_COLOR", NULL };
	char *saved[sizeof keep / sizeof keep[0]] = { 0 };

	for (size_t i = 0; keep[i]; i++)
		if (getenv(keep[i]))
			saved[i] = sp_strdup(getenv(keep[i]));
	/* The strings the process started with are where /proc/PID/environ reads: blank them. */
	for (char **e = environ; e && *e; e++)
		explicit_bzero(*e, strlen(*e));
	clearenv();
	for (size_t i = 0; keep[i]; i++) {
		if (saved[i])
			setenv(keep[i], saved[i], 1);
		free(saved[i]);
	}
}

/* Denied outright: the network, programs, processes, and changing the file system. */
static const int denied_calls[] = {
	SCMP_SYS(socket),
	SCMP_SYS(socketpair),
	SCMP_SYS(connect),
	SCMP_SYS(bind),
	SCMP_SYS(listen),
	SCMP_SYS(accept),
	SCMP_SYS(accept4),
	SCMP_SYS(sendto),
	SCMP_SYS(sendmsg),
	SCMP_SYS(sendmmsg),
	SCMP_SYS(recvmsg),
	SCMP_SYS(recvmmsg),
	SCMP_SYS(execve),
	SCMP_SYS(execveat),
	SCMP_SYS(fork),
	SCMP_SYS(vfork),
	SCMP_SYS(clone),
	SCMP_SYS(clone3),
	SCMP_SYS(ptrace),
	SCMP_SYS(process_vm_writev),
	SCMP_SYS(process_vm_readv),
	SCMP_SYS(creat),
	SCMP_SYS(unlink),
	SCMP_SYS(unlinkat),
	SCMP_SYS(rename),
	SCMP_SYS(renameat),
	SCMP_SYS(renameat2),
	SCMP_SYS(mkdir),
	SCMP_SYS(mkdirat),
	SCMP_SYS(rmdir),
	SCMP_SYS(link),
	SCMP_SYS(linkat),
	SCMP_SYS(symlink),
	SCMP_SYS(symlinkat),
	SCMP_SYS(truncate),
	SCMP_SYS(ftruncate),
	SCMP_SYS(chmod),
	SCMP_SYS(fchmod),
	SCMP_SYS(fchmodat),
	SCMP_SYS(chown),
	SCMP_SYS(fchown),
	SCMP_SYS(fchownat),
	SCMP_SYS(lchown),
	SCMP_SYS(mknod),
	SCMP_SYS(mknodat),
	SCMP_SYS(mount),
	SCMP_SYS(umount2),
	SCMP_SYS(setxattr),
	SCMP_SYS(lsetxattr),
	SCMP_SYS(fsetxattr),
	SCMP_SYS(removexattr),
	SCMP_SYS(lremovexattr),
	SCMP_SYS(fremovexattr),
	SCMP_SYS(utimensat),
	SCMP_SYS(memfd_create),
	SCMP_SYS(name_to_handle_at),
	SCMP_SYS(open_by_handle_at),
	SCMP_SYS(io_uring_setup),
	SCMP_SYS(bpf),
	SCMP_SYS(userfaultfd),
	SCMP_SYS(perf_event_open),
	SCMP_SYS(kexec_load),
	SCMP_SYS(init_module),
	SCMP_SYS(finit_module),
	SCMP_SYS(chroot),
	SCMP_SYS(pivot_root),
};

/* open() and openat() stay, read-only: any flag that writes or creates is refused. */
static const unsigned int write_flags[] = { O_WRONLY, O_RDWR,   O_CREAT,
	                                    O_TRUNC,  O_APPEND, O_TMPFILE & ~O_DIRECTORY };

static int
apply_seccomp(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0;

	if (!ctx)
		return -1;
	for (size_t i = 0; rc == 0 && i < sizeof denied_calls / sizeof denied_calls[0]; i++)
		if (denied_calls[i] >= 0)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), denied_calls[i], 0);
	for (size_t i = 0; rc == 0 && i < sizeof write_flags / sizeof write_flags[0]; i++) {
		scmp_datum_t f = write_flags[i];

		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(open), 1,
		                      SCMP_A1(SCMP_CMP_MASKED_EQ, f, f));
		if (rc == 0)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(openat), 1,
			                      SCMP_A2(SCMP_CMP_MASKED_EQ, f, f));
	}
	/* openat2 hides its flags in a struct the filter cannot read: make libc fall back. */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

static int
apply_landlock(const char *const *read_dirs)
{
	struct landlock_ruleset_attr attr = { 0 };
	int abi, ruleset;

	abi = (int) syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return -1;
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
	                         LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
	                         LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	                         LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	                         LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	                         LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	                         LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
	if (abi >= 2)
		attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
#endif
	ruleset = (int) syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (ruleset < 0)
		return -1;
	for (size_t i = 0; read_dirs && read_dirs[i]; i++) {
		struct landlock_path_beneath_attr rule = {
			.allowed_access =
			        LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR,
		};

		rule.parent_fd = open(read_dirs[i], O_PATH | O_CLOEXEC);
		if (rule.parent_fd < 0)
			continue;
		syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
		close(rule.parent_fd);
	}
	if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) {
		close(ruleset);
		return -1;
	}
	close(ruleset);
	return 0;
}

enum sp_status
sp_sandbox_apply(const char *const *read_dirs, int *landlock)
{
	*landlock = 0;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return SP_ERR_INTERNAL;
	/* Landlock first: its own set-up needs open(O_PATH), which seccomp would still allow,
	 * but nothing after seccomp should depend on more than reading. */
	*landlock = apply_landlock(read_dirs) == 0;
	return apply_seccomp() == 0 ? SP_OK : SP_ERR_INTERNAL;
}
