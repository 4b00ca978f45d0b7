#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/hours.h"
#include "fixture.h"
#include "kiosk/sandbox.h"
#include "suites.h"

/* Each forbidden thing the child tried and was allowed to do sets one bit of its exit code. */
enum {
	LEAK_SOCKET = 1,
	LEAK_EXEC = 2,
	LEAK_WRITE = 4,
	LEAK_READ_BUNDLE = 8,
	LEAK_UNLINK = 16,
	LEAK_LANDLOCK = 32,
	LEAK_NOT_APPLIED = 64
};
/* An exec that succeeds replaces the child, which then cannot report it: what it runs exits
 * with this code instead, above every sum of leak bits. */
#define EXEC_RAN 200
#define EXEC_RAN_SCRIPT "exit 200"

static int
sandboxed_child(const char *tmp)
{
	const char *dirs[] = { TEST_LOCALES, NULL };
	char path[4096];
	int landlock = 0, leaks = 0, fd;

	if (sp_sandbox_apply(dirs, &landlock) != SP_OK)
		return LEAK_NOT_APPLIED;
	if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM)
		leaks |= LEAK_SOCKET;
	/* Valgrind cannot survive a refused execve of its own guest, so under it (make
	 * check-valgrind sets this) the exec check is left to the ordinary run. */
	if (!getenv("SIGNPOST_UNDER_VALGRIND")) {
		execl("/bin/sh", "sh", "-c", EXEC_RAN_SCRIPT, (char *) NULL);
		if (errno != EPERM)
			leaks |= LEAK_EXEC;
	}
	snprintf(path, sizeof path, "%s/written-in-sandbox", tmp);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) >= 0 || errno != EPERM)
		leaks |= LEAK_WRITE;
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof path, "%s/keep", tmp);
	if (unlink(path) == 0)
		leaks |= LEAK_UNLINK;
	/* What a kiosk needs still works: reading its bundles, for a change of language. */
	if ((fd = open(TEST_LOCALES "root.res", O_RDONLY)) < 0)
		leaks |= LEAK_READ_BUNDLE;
	else
		close(fd);
	if (landlock && (fd = open("/etc/passwd", O_RDONLY)) >= 0) {
		leaks |= LEAK_LANDLOCK;
		close(fd);
	}
	return leaks;
}

static void
test_sandbox_refuses_network_exec_and_writes(void)
{
	char *tmp = fixture_tempdir();
	int status = 0;
	pid_t pid;

	CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
	CU_ASSERT_TRUE_FATAL(fixture_write(tmp, "keep", "x"));
	fflush(NULL);
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0)
		_exit(sandboxed_child(
		        tmp)); /* _exit: no atexit handlers or leak checks in the child */
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) == EXEC_RAN)
		fprintf(stderr, "\n  the sandbox let the child exec /bin/sh");
	else if (WEXITSTATUS(status))
		fprintf(stderr, "\n  sandbox leak bits: %d", WEXITSTATUS(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
	CU_ASSERT_EQUAL(access(tmp, F_OK), 0);
	fixture_rmrf(tmp);
	free(tmp);
}

static void
test_scrub_keeps_only_what_a_kiosk_needs(void)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0) {
		setenv("SSH_AUTH_SOCK", "/run/secret", 1);
		setenv("TERM", "xterm", 1);
		/* A fixed test clock must not reach a kiosk: "open now" would be wrong. */
		setenv("SIGNPOST_NOW", "2026-12-25T03:00:00Z", 1);
		sp_sandbox_scrub_environment();
		/* The clock is the real one again: within a minute of time(). */
		double drift = sp_clock_now() - (double) time(NULL) * 1000.0;

		_exit((getenv("SSH_AUTH_SOCK") ? 1 : 0) | (getenv("TERM") ? 0 : 2) |
		      (getenv("HOME") ? 4 : 0) | (getenv("SIGNPOST_NOW") ? 8 : 0) |
		      (drift > -60000.0 && drift < 60000.0 ? 0 : 16));
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static const CU_TestInfo tests[] = {
	{ "the sandbox refuses sockets, exec and writes, and still reads bundles",
	  test_sandbox_refuses_network_exec_and_writes },
	{ "the environment keeps only the terminal and locale, no test clock",
	  test_scrub_keeps_only_what_a_kiosk_needs },
	CU_TEST_INFO_NULL
};

CU_ErrorCode
test_register_sandbox(void)
{
	return test_add_suite("sandbox", NULL, NULL, tests);
}
