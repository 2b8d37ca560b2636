/* safefile.c: see safefile.h. */
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

int write_all_fd(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 && errno ? errno : EIO;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int safefile_replace(const char *path, const char *text, size_t len, mode_t mode, const char **doing)
{
    char *dir = path_dir(path);
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    int e = 0, fd = -1, renamed = 0;
    *doing = "creating the directory";
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        e = errno;
        goto cleanup;
    }
    *doing = "creating the temporary file";
    unlink(tmp);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        e = errno;
        goto cleanup;
    }
    *doing = "writing the temporary file";
    if ((e = write_all_fd(fd, text, len)) != 0)
        goto cleanup;
    *doing = "syncing the temporary file";
    if (fsync(fd) != 0) {
        e = errno;
        goto cleanup;
    }
    *doing = "closing the temporary file";
    int cr = close(fd);
    fd = -1;
    if (cr != 0) {
        e = errno;
        goto cleanup;
    }
    *doing = "replacing the file";
    if (rename(tmp, path) != 0) {
        e = errno;
        goto cleanup;
    }
    renamed = 1;
    *doing = "syncing the directory";
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        e = errno;
    } else {
        /* some file systems cannot sync a directory (EINVAL, ENOTSUP): the rename is all there is */
        if (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP)
            e = errno;
        close(dfd);
    }
cleanup:
    if (fd >= 0)
        close(fd);
    if (e && !renamed)
        unlink(tmp);
    free(tmp);
    free(dir);
    return e;
}
