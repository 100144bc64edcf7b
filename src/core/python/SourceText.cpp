#include "core/python/SourceText.h"

#include <QStringDecoder>

#include <cstring>

namespace retort::py {

namespace {

bool isCookieChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

} // namespace

SourceText SourceText::decode(const QByteArray& content)
{
    SourceText out;
    out.m_bytes = content;
    const char* data = content.constData();
    qsizetype size = content.size();
    out.m_bom = size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    if (out.m_bom) {
        out.m_offset = 3;
        data += 3;
        size -= 3;
    }
    if (const void* nul = std::memchr(data, 0, size_t(size))) {
        const qsizetype at = static_cast<const char*>(nul) - data;
        out.m_error = SyntaxError{QStringLiteral("source code cannot contain null bytes (binary file?)"),
                                  lineOfOffset(data, at), true};
        return out;
    }
    const QString cookie = codingCookie(data, size);
    if (cookie.isEmpty() || cookie == QLatin1String("utf-8"))
        return out;
    if (out.m_bom) {
        out.m_error = SyntaxError{QStringLiteral("encoding problem: %1 with BOM").arg(cookie), 1, true};
        return out;
    }
    QStringDecoder decoder(cookie.toLatin1().constData());
    if (!decoder.isValid()) {
        out.m_error = SyntaxError{QStringLiteral("unknown encoding: %1").arg(cookie), 1, true};
        return out;
    }
    const QString text = decoder.decode(QByteArrayView(data, size));
    if (decoder.hasError()) {
        out.m_error = SyntaxError{QStringLiteral("file is not valid %1 (declared by its coding line)").arg(cookie), 1, true};
        return out;
    }
    out.m_bytes = text.toUtf8();
    out.m_offset = 0;
    return out;
}

int lineOfOffset(const char* data, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        if (data[i] == '\n')
            ++line;
        else if (data[i] == '\r' && !(i + 1 < offset && data[i + 1] == '\n'))
            ++line;
    }
    return line;
}

int utf8SequenceLength(const char* data, qsizetype available)
{
    const auto* s = reinterpret_cast<const unsigned char*>(data);
    if (available <= 0)
        return 0;
    const unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    int length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (available < length || s[1] < lo || s[1] > hi)
        return 0;
    for (int k = 2; k < length; ++k)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return length;
}

qsizetype firstInvalidUtf8(const char* data, qsizetype size)
{
    qsizetype i = 0;
    while (i < size) {
        // ASCII fast path, 8 bytes at a time
        if (i + 8 <= size) {
            std::uint64_t chunk;
            std::memcpy(&chunk, data + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const int length = utf8SequenceLength(data + i, size - i);
        if (length == 0)
            return i;
        i += length;
    }
    return -1;
}

QString codingCookie(const char* data, qsizetype size)
{
    // Python checks line 1, and line 2 only when line 1 is blank or a comment.
    qsizetype pos = 0;
    for (int lineNo = 0; lineNo < 2 && pos < size; ++lineNo) {
        qsizetype end = pos;
        while (end < size && data[end] != '\n' && data[end] != '\r')
            ++end;
        const QByteArrayView line(data + pos, end - pos);
        qsizetype i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
            ++i;
        const bool isComment = i < line.size() && line[i] == '#';
        const bool isBlank = i == line.size();
        if (isComment) {
            const qsizetype at = line.indexOf(QByteArrayView("coding"), i);
            if (at >= 0 && at + 6 < line.size() && (line[at + 6] == ':' || line[at + 6] == '=')) {
                qsizetype k = at + 7;
                while (k < line.size() && (line[k] == ' ' || line[k] == '\t'))
                    ++k;
                qsizetype e = k;
                while (e < line.size() && isCookieChar(line[e]))
                    ++e;
                QString name = QString::fromLatin1(line.sliced(k, e - k)).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
                if (name.isEmpty())
                    return {};
                if (name == QLatin1String("utf-8") || name.startsWith(QLatin1String("utf-8-")) || name == QLatin1String("utf8"))
                    return QStringLiteral("utf-8");
                for (const char* l : {"latin-1", "iso-8859-1", "iso-latin-1"}) {
                    const QLatin1String ln(l);
                    if (name == ln || name.startsWith(ln + QLatin1Char('-')))
                        return QStringLiteral("iso-8859-1");
                }
                return name;
            }
        }
        if (!isComment && !isBlank)
            return {};
        pos = end;
        if (pos < size && data[pos] == '\r')
            ++pos;
        if (pos < size && data[pos] == '\n')
            ++pos;
    }
    return {};
}

} // namespace retort::py
