#pragma once

// File names are bytes on Unix. Qt 6 decodes them as UTF-8 and replaces bytes that are not
// valid UTF-8 with U+FFFD, so a file named "b\xffb.py" (Alembic reads it: Python keeps such bytes
// with surrogateescape) could never be opened again from its QString path. NativePath does what
// Python's os.fsdecode/os.fsencode do: an invalid byte b becomes the lone surrogate U+DC00 + b in
// the QString, and encode() turns it back into the byte. Valid UTF-8 names decode exactly as Qt
// decodes them, so ordinary paths are unchanged.
//
// readFile() opens a path without ever blocking: a FIFO, socket or device named like a revision
// file (`x.py`) is an error, not a read that waits forever; a folder is "Is a directory", as in
// Python. Errors carry Python's wording ("PermissionError: [Errno 13] Permission denied: '...'")
// so what Retort says matches what Alembic prints for the same file.

#include "core/common/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace retort {

class NativePath
{
public:
    [[nodiscard]] static QString decode(QByteArrayView bytes);
    [[nodiscard]] static QByteArray encode(QStringView path);

    // The whole file, at most `maxBytes` (larger: error code "file-too-large"). Error codes:
    // "file-unreadable" (with Python's exception text for the errno), "file-not-regular".
    [[nodiscard]] static Result<QByteArray> readFile(const QString& path, qint64 maxBytes = qint64(64) * 1024 * 1024);

    // Python's text for an OSError from open() on `path`: "PermissionError: [Errno 13]
    // Permission denied: '<path>'", "FileNotFoundError: [Errno 2] No such file or directory: ...".
    [[nodiscard]] static QString pythonOsError(int errnoValue, const QString& path);
};

} // namespace retort
