#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "directory.h"
#include "directory_private.h"
#include "mem.h"
#include "trust.h"

/*
 * Reading the directory in place, each page checked as SQLite reads it (issue 13; the design
 * and its safety argument are in docs/performance.md and HACKING.md).
 *
 * A built directory ends with its page manifest, after the SQLite image (which SQLite ignores:
 * the image's header gives its length):
 *
 *   image    page_size * npages bytes, the SQLite database
 *   hashes   npages * 32 bytes: BLAKE2b-256 of each page, in order
 *   footer   "SPPAGES1" | page_size (4 bytes, big-endian) | npages (4 bytes, big-endian)
 *
 * signpost-admin sign puts the BLAKE2b-256 of hashes | footer in the signed trusted comment
 * ("pages:<64 hex>"). Checking the global signature authenticates that comment without reading
 * the file; the manifest is then checked against it, and every page against the manifest
 * when SQLite reads it, through the read-only VFS below. A page that does not match is never
 * handed to SQLite: the read fails as an I/O error and the directory reports itself tampered.
 * Stock `minisign -V` still checks the whole file, manifest included.
 */
#define PAGES_MAGIC "SPPAGES1"
#define FOOTER_BYTES 16
#define HASH_BYTES 32

/* SQLite's page size and page count from the image's 100-byte header; false if the header is
 * not a sound one (the count is only valid when the change counter matches). */
static bool
header_geometry(const unsigned char *h, unsigned *page_size, uint32_t *npages)
{
	static const char magic[16] = "SQLite format 3";
	unsigned ps = (unsigned) h[16] << 8 | h[17];

	if (memcmp(h, magic, sizeof magic) != 0)
		return false;
	if (ps == 1)
		ps = 65536;
	if (ps < 512 || (ps & (ps - 1)) != 0 || memcmp(h + 24, h + 92, 4) != 0)
		return false;
	*page_size = ps;
	*npages = (uint32_t) h[28] << 24 | (uint32_t) h[29] << 16 | (uint32_t) h[30] << 8 | h[31];
	return *npages > 0;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v >> 24);
	p[1] = (unsigned char) (v >> 16);
	p[2] = (unsigned char) (v >> 8);
	p[3] = (unsigned char) v;
}

static bool
read_at(int fd, void *buf, size_t n, off_t at)
{
	unsigned char *p = buf;

	while (n) {
		ssize_t got = pread(fd, p, n, at);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		p += got;
		n -= (size_t) got;
		at += got;
	}
	return true;
}

static bool
page_matches(const struct sp_pages *p, uint32_t page, const unsigned char *data)
{
	unsigned char h[HASH_BYTES];

	crypto_generichash(h, sizeof h, data, p->page_size, NULL, 0);
	return sodium_memcmp(h, p->hashes + (size_t) page * HASH_BYTES, HASH_BYTES) == 0;
}

/* ---------------------------------------------------------------- the read-only VFS */

struct pages_file {
	sqlite3_file base;
	struct sp_pages *pages;
};

static int
pf_close(sqlite3_file *f)
{
	(void) f;
	return SQLITE_OK; /* the descriptor belongs to the directory */
}

/* Reads [offset, offset + amt): whole pages, each checked against its hash before a byte of
 * it is copied out. */
static int
pf_read(sqlite3_file *f, void *out, int amt, sqlite3_int64 offset)
{
	struct sp_pages *p = ((struct pages_file *) f)->pages;
	unsigned char *dst = out;
	sqlite3_int64 end = offset + amt;

	if (offset < 0 || amt < 0)
		return SQLITE_IOERR_READ;
	if (!p->hashes) {
		sqlite3_int64 n = end <= p->image_size ? amt : p->image_size - offset;

		if (n < 0)
			n = 0;
		if (n && !read_at(p->fd, dst, (size_t) n, (off_t) offset))
			return SQLITE_IOERR_READ;
		if (n < amt) {
			memset(dst + n, 0, (size_t) (amt - n));
			return SQLITE_IOERR_SHORT_READ;
		}
		return SQLITE_OK;
	}
	while (offset < end) {
		uint32_t page = (uint32_t) (offset / p->page_size);
		sqlite3_int64 start = (sqlite3_int64) page * p->page_size;
		size_t skip = (size_t) (offset - start), n = p->page_size - skip;

		if (n > (size_t) (end - offset))
			n = (size_t) (end - offset);
		if (page >= p->npages) {
			memset(dst, 0, (size_t) (end - offset));
			return SQLITE_IOERR_SHORT_READ;
		}
		if (!read_at(p->fd, p->buf, p->page_size, (off_t) start))
			return SQLITE_IOERR_READ;
		if (!page_matches(p, page, p->buf)) {
			p->tampered = true;
			return SQLITE_IOERR_READ;
		}
		memcpy(dst, p->buf + skip, n);
		dst += n;
		offset += (sqlite3_int64) n;
	}
	return SQLITE_OK;
}

static int
pf_write(sqlite3_file *f, const void *data, int amt, sqlite3_int64 offset)
{
	(void) f, (void) data, (void) amt, (void) offset;
	return SQLITE_READONLY;
}

static int
pf_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	(void) f, (void) size;
	return SQLITE_READONLY;
}

static int
pf_sync(sqlite3_file *f, int flags)
{
	(void) f, (void) flags;
	return SQLITE_OK;
}

static int
pf_size(sqlite3_file *f, sqlite3_int64 *size)
{
	*size = ((struct pages_file *) f)->pages->image_size;
	return SQLITE_OK;
}

static int
pf_lock(sqlite3_file *f, int level)
{
	(void) f, (void) level;
	return SQLITE_OK; /* nothing writes it */
}

static int
pf_reserved(sqlite3_file *f, int *out)
{
	(void) f;
	*out = 0;
	return SQLITE_OK;
}

static int
pf_control(sqlite3_file *f, int op, void *arg)
{
	(void) f, (void) op, (void) arg;
	return SQLITE_NOTFOUND;
}

static int
pf_sector(sqlite3_file *f)
{
	(void) f;
	return 4096;
}

static int
pf_device(sqlite3_file *f)
{
	(void) f;
	return SQLITE_IOCAP_IMMUTABLE;
}

static const sqlite3_io_methods pages_io = {
	.iVersion = 1,
	.xClose = pf_close,
	.xRead = pf_read,
	.xWrite = pf_write,
	.xTruncate = pf_truncate,
	.xSync = pf_sync,
	.xFileSize = pf_size,
	.xLock = pf_lock,
	.xUnlock = pf_lock,
	.xCheckReservedLock = pf_reserved,
	.xFileControl = pf_control,
	.xSectorSize = pf_sector,
	.xDeviceCharacteristics = pf_device,
};

/* Only the main database opens, from the descriptor already open: no journal, no temporary
 * file, no path looked up again after the sandbox is up. */
static int
pv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct pages_file *pf = (struct pages_file *) f;

	(void) name;
	pf->base.pMethods = NULL;
	if (!(flags & SQLITE_OPEN_MAIN_DB) || (flags & SQLITE_OPEN_READWRITE))
		return SQLITE_CANTOPEN;
	pf->pages = vfs->pAppData;
	pf->base.pMethods = &pages_io;
	if (out_flags)
		*out_flags = SQLITE_OPEN_READONLY;
	return SQLITE_OK;
}

static int
pv_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void) vfs, (void) name, (void) sync;
	return SQLITE_IOERR_DELETE;
}

static int
pv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void) vfs, (void) name, (void) flags;
	*out = 0; /* no journal, no WAL */
	return SQLITE_OK;
}

static int
pv_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void) vfs;
	snprintf(out, (size_t) n, "%s", name);
	return SQLITE_OK;
}

static int
pv_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void) vfs;
	randombytes_buf(out, (size_t) n);
	return n;
}

static int
pv_sleep(sqlite3_vfs *vfs, int us)
{
	(void) vfs;
	return us;
}

static int
pv_current_time(sqlite3_vfs *vfs, double *out)
{
	sqlite3_vfs *d = sqlite3_vfs_find(NULL);

	(void) vfs;
	return d->xCurrentTime(d, out);
}

static int
pv_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void) vfs;
	if (n > 0)
		out[0] = '\0';
	return 0;
}

/* ---------------------------------------------------------------- opening */

static enum sp_status
status_of_errno(int e)
{
	return e == ENOENT || e == ENOTDIR ? SP_ERR_DB_MISSING : SP_ERR_DB_UNREADABLE;
}

/* Reads and checks the manifest against `manifest` (the signed hash). */
static enum sp_status
load_manifest(struct sp_pages *p, const unsigned char manifest[HASH_BYTES], off_t file_size)
{
	unsigned char footer[FOOTER_BYTES], want[FOOTER_BYTES], h[HASH_BYTES];
	crypto_generichash_state state;
	size_t bytes;

	if ((uint64_t) file_size !=
	    (uint64_t) p->image_size + (uint64_t) p->npages * HASH_BYTES + FOOTER_BYTES)
		return SP_ERR_DB_TAMPERED;
	memcpy(want, PAGES_MAGIC, 8);
	put_be32(want + 8, p->page_size);
	put_be32(want + 12, p->npages);
	if (!read_at(p->fd, footer, sizeof footer, file_size - FOOTER_BYTES))
		return SP_ERR_DB_UNREADABLE;
	if (memcmp(footer, want, sizeof want) != 0)
		return SP_ERR_DB_TAMPERED;
	bytes = (size_t) p->npages * HASH_BYTES;
	if (!(p->hashes = sp_malloc(bytes)))
		return SP_ERR_NOMEM;
	if (!read_at(p->fd, p->hashes, bytes, (off_t) p->image_size))
		return SP_ERR_DB_UNREADABLE;
	crypto_generichash_init(&state, NULL, 0, sizeof h);
	crypto_generichash_update(&state, p->hashes, bytes);
	crypto_generichash_update(&state, footer, sizeof footer);
	crypto_generichash_final(&state, h, sizeof h);
	return sodium_memcmp(h, manifest, sizeof h) == 0 ? SP_OK : SP_ERR_DB_TAMPERED;
}

enum sp_status
sp_pages_open(struct sp_pages *p, const char *path, const char *manifest_hex)
{
	unsigned char header[100], manifest[HASH_BYTES];
	struct stat st;
	enum sp_status rc;

	memset(p, 0, sizeof *p);
	p->fd = -1;
	if (manifest_hex &&
	    !sp_hex_decode(manifest_hex, strlen(manifest_hex), manifest, sizeof manifest))
		return SP_ERR_DB_TAMPERED;
	if ((p->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return status_of_errno(errno);
	if (fstat(p->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return SP_ERR_DB_UNREADABLE;
	if (st.st_size < (off_t) sizeof header || !read_at(p->fd, header, sizeof header, 0) ||
	    !header_geometry(header, &p->page_size, &p->npages))
		return manifest_hex ? SP_ERR_DB_TAMPERED : SP_ERR_DB_CORRUPT;
	p->image_size = (sqlite3_int64) p->page_size * p->npages;
	if (!manifest_hex) {
		/* Unsigned: SQLite sees the whole file, as the unix VFS would show it. */
		p->image_size = st.st_size;
	} else if ((rc = load_manifest(p, manifest, st.st_size)) != SP_OK) {
		return rc;
	}
	if (!(p->buf = sp_malloc(p->page_size)))
		return SP_ERR_NOMEM;
	snprintf(p->vfs_name, sizeof p->vfs_name, "signpost-pages-%p", (void *) p);
	p->vfs = (sqlite3_vfs){
		.iVersion = 1,
		.szOsFile = (int) sizeof(struct pages_file),
		.mxPathname = 512,
		.zName = p->vfs_name,
		.pAppData = p,
		.xOpen = pv_open,
		.xDelete = pv_delete,
		.xAccess = pv_access,
		.xFullPathname = pv_full_pathname,
		.xRandomness = pv_randomness,
		.xSleep = pv_sleep,
		.xCurrentTime = pv_current_time,
		.xGetLastError = pv_last_error,
	};
	if (sqlite3_vfs_register(&p->vfs, 0) != SQLITE_OK)
		return SP_ERR_NOMEM;
	p->registered = true;
	return SP_OK;
}

enum sp_status
sp_pages_verify_all(struct sp_pages *p)
{
	for (uint32_t i = 0; p->hashes && i < p->npages; i++) {
		if (!read_at(p->fd, p->buf, p->page_size, (off_t) i * p->page_size))
			return SP_ERR_DB_UNREADABLE;
		if (!page_matches(p, i, p->buf)) {
			p->tampered = true;
			return SP_ERR_DB_TAMPERED;
		}
	}
	return SP_OK;
}

void
sp_pages_close(struct sp_pages *p)
{
	if (p->registered)
		sqlite3_vfs_unregister(&p->vfs);
	if (p->fd >= 0)
		close(p->fd);
	free(p->hashes);
	free(p->buf);
	memset(p, 0, sizeof *p);
	p->fd = -1;
}

/* ---------------------------------------------------------------- writing the manifest */

enum sp_status
sp_directory_write_manifest(const char *path, char hex[2 * SP_PAGES_HASH_BYTES + 1])
{
	unsigned char header[100], footer[FOOTER_BYTES], h[HASH_BYTES], *page = NULL,
	                                                                *hashes = NULL;
	crypto_generichash_state state;
	unsigned page_size;
	uint32_t npages;
	struct stat st;
	off_t image;
	enum sp_status rc = SP_ERR_IO;
	int fd;

	if (!sp_trust_init())
		return SP_ERR_INTERNAL;
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
		return status_of_errno(errno);
	if (fstat(fd, &st) != 0 || !read_at(fd, header, sizeof header, 0) ||
	    !header_geometry(header, &page_size, &npages)) {
		close(fd);
		return SP_ERR_DB_CORRUPT;
	}
	image = (off_t) page_size * npages;
	if (st.st_size < image || !(page = sp_malloc(page_size)) ||
	    !(hashes = sp_reallocarray(NULL, npages, HASH_BYTES))) {
		rc = st.st_size < image ? SP_ERR_DB_CORRUPT : SP_ERR_NOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < npages; i++) {
		if (!read_at(fd, page, page_size, (off_t) i * page_size))
			goto out;
		crypto_generichash(hashes + (size_t) i * HASH_BYTES, HASH_BYTES, page, page_size,
		                   NULL, 0);
	}
	memcpy(footer, PAGES_MAGIC, 8);
	put_be32(footer + 8, page_size);
	put_be32(footer + 12, npages);
	/* The image, then its manifest: whatever followed the image before is replaced. */
	if (ftruncate(fd, image) != 0 ||
	    pwrite(fd, hashes, (size_t) npages * HASH_BYTES, image) !=
	            (ssize_t) ((size_t) npages * HASH_BYTES) ||
	    pwrite(fd, footer, sizeof footer, image + (off_t) npages * HASH_BYTES) !=
	            (ssize_t) sizeof footer ||
	    fsync(fd) != 0)
		goto out;
	crypto_generichash_init(&state, NULL, 0, sizeof h);
	crypto_generichash_update(&state, hashes, (size_t) npages * HASH_BYTES);
	crypto_generichash_update(&state, footer, sizeof footer);
	crypto_generichash_final(&state, h, sizeof h);
	sp_hex_encode(h, sizeof h, hex);
	rc = SP_OK;
out:
	free(page);
	free(hashes);
	close(fd);
	return rc;
}
