#ifndef SIGNPOST_KEYS_H
#define SIGNPOST_KEYS_H

#include "core/status.h"
#include "core/trust.h"

/*
 * Key files for signing the directory, in minisign's formats: `signpost-admin keygen` writes
 * an unencrypted secret key (mode 0600) and its public key; keys made by `minisign -G` work too
 * (the password is asked for on the terminal, or read from standard input without one).
 * English messages, for data officers, in *error.
 */
enum sp_status sp_keys_generate(const char *secret_path, const char *public_path, char **error);
enum sp_status sp_keys_read_secret(const char *path, unsigned char out[SP_SECRET_KEY_BYTES],
                                   unsigned char id[SP_KEY_ID_BYTES], char **error);
enum sp_status sp_keys_read_public(const char *path, unsigned char out[SP_PUBLIC_KEY_BYTES],
                                   unsigned char id[SP_KEY_ID_BYTES], char **error);
/* Writes PATH.minisig for the file at path, atomically, with this trusted comment. */
enum sp_status sp_keys_sign_file(const unsigned char secret[SP_SECRET_KEY_BYTES],
                                 const unsigned char id[SP_KEY_ID_BYTES], const char *path,
                                 const char *trusted_comment, char **error);
/* Reads a whole file into a new, NUL-terminated buffer the caller frees; *len excludes the
 * NUL. On failure *error says why. (Also reads the builder's schema.sql.) sp_file_read() with
 * the directory's size limit, every failure but memory as SP_ERR_IO. */
enum sp_status sp_keys_read_file(const char *path, unsigned char **data, size_t *len, char **error);

#endif
