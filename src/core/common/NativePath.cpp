#include "core/common/NativePath.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace retort {

namespace {

constexpr char16_t kEscapeBase = 0xDC00;

// The length of the valid UTF-8 sequence at `p` (1-4), or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF are invalid, as in Python).
int validSequence(const unsigned char* p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    auto cont = [&](qsizetype i) { return i < left && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; // overlong
        if (c == 0xED && p[1] >= 0xA0)
            return 0; // a surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

QString osErrorClass(int err)
{
    switch (err) {
    case ENOENT:
        return QStringLiteral("FileNotFoundError");
    case EACCES:
    case EPERM:
        return QStringLiteral("PermissionError");
    case EISDIR:
        return QStringLiteral("IsADirectoryError");
    case ENOTDIR:
        return QStringLiteral("NotADirectoryError");
    default:
        return QStringLiteral("OSError");
    }
}

} // namespace

QString NativePath::decode(QByteArrayView bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    // Fast path: all valid.
    while (i < n) {
        const int len = validSequence(data + i, n - i);
        if (len == 0)
            break;
        i += len;
    }
    if (i == n)
        return QString::fromUtf8(bytes);
    QString out = QString::fromUtf8(bytes.first(i));
    while (i < n) {
        const int len = validSequence(data + i, n - i);
        if (len == 0) {
            out += QChar(char16_t(kEscapeBase + data[i]));
            ++i;
        } else {
            out += QString::fromUtf8(bytes.sliced(i, len));
            i += len;
        }
    }
    return out;
}

QByteArray NativePath::encode(QStringView path)
{
    QByteArray out;
    out.reserve(path.size());
    qsizetype start = 0;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t u = path.at(i).unicode();
        const bool escaped = u >= kEscapeBase + 0x80 && u <= kEscapeBase + 0xFF
                             && !(i > 0 && QChar::isHighSurrogate(path.at(i - 1).unicode()));
        if (!escaped)
            continue;
        out += path.sliced(start, i - start).toUtf8();
        out += char(u - kEscapeBase);
        start = i + 1;
    }
    out += path.sliced(start).toUtf8();
    return out;
}

QString NativePath::pythonOsError(int errnoValue, const QString& path)
{
    return QStringLiteral("%1: [Errno %2] %3: '%4'")
        .arg(osErrorClass(errnoValue))
        .arg(errnoValue)
        .arg(QString::fromLocal8Bit(std::strerror(errnoValue)), path);
}

Result<QByteArray> NativePath::readFile(const QString& path, qint64 maxBytes)
{
    auto unreadable = [&](int err) {
        return Error{QStringLiteral("file-unreadable"), pythonOsError(err, path), {}, path, 0};
    };
#ifdef Q_OS_UNIX
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const QByteArray native = encode(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return unreadable(errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return unreadable(err);
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return unreadable(EISDIR);
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        const QString kind = S_ISFIFO(st.st_mode)  ? QStringLiteral("a FIFO (named pipe)")
                             : S_ISSOCK(st.st_mode) ? QStringLiteral("a socket")
                                                    : QStringLiteral("a device");
        return Error{QStringLiteral("file-not-regular"),
                     QStringLiteral("'%1' is %2, not a file: reading it would wait forever (Alembic hangs on it)").arg(path, kind),
                     {}, path, 0};
    }
    if (st.st_size > maxBytes) {
        ::close(fd);
        return Error{QStringLiteral("file-too-large"), QStringLiteral("'%1' is larger than %2 bytes").arg(path).arg(maxBytes), {},
                     path, 0};
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return unreadable(EIO);
    }
    QByteArray content = file.read(maxBytes + 1);
    if (content.size() > maxBytes)
        return Error{QStringLiteral("file-too-large"), QStringLiteral("'%1' is larger than %2 bytes").arg(path).arg(maxBytes), {},
                     path, 0};
    return content;
#else
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("file-unreadable"), file.errorString(), {}, path, 0};
    if (file.size() > maxBytes)
        return Error{QStringLiteral("file-too-large"), QStringLiteral("'%1' is larger than %2 bytes").arg(path).arg(maxBytes), {},
                     path, 0};
    return file.readAll();
#endif
}

} // namespace retort
