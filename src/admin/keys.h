#ifndef SIGNPOST_KEYS_H
#define SIGNPOST_KEYS_H

#include "core/status.h"
#include "core/trust.h"

/*
 * Key files for signing the directory. A secret key file holds one line
 * "ed25519-secret <128 hex digits>" and is written mode 0600; a public key file holds
 * "ed25519-public <64 hex digits>". English messages, for data officers, in *error.
 */
enum sp_status sp_keys_generate(const char *secret_path, const char *public_path, char **error);
enum sp_status sp_keys_read_secret(const char *path, unsigned char out[SP_SECRET_KEY_BYTES],
                                   char **error);
enum sp_status sp_keys_read_public(const char *path, unsigned char out[SP_PUBLIC_KEY_BYTES],
                                   char **error);
/* Writes PATH.sig for the file at path, atomically. */
enum sp_status sp_keys_sign_file(const unsigned char secret[SP_SECRET_KEY_BYTES], const char *path,
                                 char **error);
/* Reads a whole file into a new, NUL-terminated buffer the caller frees; *len excludes the
 * NUL. On failure *error says why. (Also reads the builder's schema.sql.) sp_file_read() with
 * the directory's size limit, every failure but memory as SP_ERR_IO. */
enum sp_status sp_keys_read_file(const char *path, unsigned char **data, size_t *len, char **error);

#endif
