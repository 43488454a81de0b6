// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestframer.h"

namespace Smollama::Http {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 token characters (method and header names).
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

bool hasControlChars(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) {
            return true;
        }
    }
    return false;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t')) {
        text = text.sliced(1);
    }
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t')) {
        text.chop(1);
    }
    return text;
}

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() &&
           text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// The end of the head: the first empty line ("\r\n\r\n" or a bare "\n\n"). Returns how many
// bytes the head takes with its terminator, or -1; *contentEnd is where its text ends.
qsizetype headEnd(const QByteArray &buffer, qsizetype from, qsizetype *contentEnd)
{
    for (qsizetype i = qMax<qsizetype>(from, 1); i < buffer.size(); ++i) {
        if (buffer.at(i) != '\n') {
            continue;
        }
        if (buffer.at(i - 1) == '\n') {
            *contentEnd = i - 1;
            return i + 1;
        }
        if (i >= 2 && buffer.at(i - 1) == '\r' && buffer.at(i - 2) == '\n') {
            // The text ends before the last line's "\r\n" (or its bare "\n").
            *contentEnd = (i >= 3 && buffer.at(i - 3) == '\r') ? i - 3 : i - 2;
            return i + 1;
        }
    }
    return -1;
}

} // namespace

RequestFramer::RequestFramer()
    : RequestFramer(Limits())
{
}

RequestFramer::RequestFramer(const Limits &limits)
    : m_limits(limits)
{
}

bool RequestFramer::inRequest() const
{
    return m_inBody || !m_head.isEmpty();
}

Request RequestFramer::takeRequest()
{
    Request request = m_queue.takeFirst();
    m_queuedBytes -= request.m_body.size() + request.m_target.size() + 64;
    for (const auto &h : request.m_headers) {
        m_queuedBytes -= h.first.size() + h.second.size();
    }
    if (m_queue.isEmpty()) {
        m_queuedBytes = 0;
    }
    return request;
}

int RequestFramer::statusCode(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return 200;
    case Verdict::BadRequest:
        return 400;
    case Verdict::NotImplemented:
        return 501;
    case Verdict::PayloadTooLarge:
        return 413;
    case Verdict::HeaderFieldsTooLarge:
        return 431;
    case Verdict::VersionNotSupported:
        return 505;
    }
    return 400;
}

RequestFramer::Verdict RequestFramer::fail(Verdict verdict, const QString &problem)
{
    m_verdict = verdict;
    m_problem = problem;
    m_head.clear();
    m_current = Request();
    m_inBody = false;
    m_line.clear();
    return verdict;
}

void RequestFramer::complete()
{
    m_inBody = false;
    m_chunked = false;
    m_expectContinue = false;
    ++m_completed;
    qint64 bytes = m_current.m_body.size() + m_current.m_target.size() + 64;
    for (const auto &h : std::as_const(m_current.m_headers)) {
        bytes += h.first.size() + h.second.size();
    }
    m_queuedBytes += bytes;
    m_queue.append(std::move(m_current));
    m_current = Request();
}

RequestFramer::Verdict RequestFramer::feed(QByteArrayView data)
{
    while (m_verdict == Verdict::Ok && !data.isEmpty()) {
        if (m_inBody && m_chunked) {
            if (feedChunked(data) != Verdict::Ok) {
                return m_verdict;
            }
            continue;
        }
        if (m_inBody) {
            const qint64 take = qMin<qint64>(m_bodyRemaining, data.size());
            m_current.m_body.append(data.first(take));
            m_bodyRemaining -= take;
            m_bodyStarted += take;
            data = data.sliced(take);
            if (m_bodyRemaining == 0) {
                complete();
            }
            continue;
        }
        // Empty lines between requests are allowed (RFC 9112, 2.2).
        if (m_head.isEmpty()) {
            while (!data.isEmpty() && (data.front() == '\r' || data.front() == '\n')) {
                data = data.sliced(1);
                // They count against the head's limit: endless empty lines are no way around
                // it.
                if (++m_blankBytes > m_limits.maxHeaderBytes) {
                    return fail(Verdict::HeaderFieldsTooLarge,
                                QStringLiteral("more than %1 bytes of empty lines before a request")
                                    .arg(m_limits.maxHeaderBytes));
                }
            }
            if (data.isEmpty()) {
                break;
            }
        }
        const qsizetype searchFrom = qMax<qsizetype>(0, m_head.size() - 3);
        const qsizetype room = qsizetype(m_limits.maxHeaderBytes) + 4 - m_head.size();
        const qsizetype take = qMin<qsizetype>(data.size(), qMax<qsizetype>(room, 0));
        m_head.append(data.first(take));
        qsizetype end = 0;
        const qsizetype headBytes = headEnd(m_head, searchFrom, &end);
        if (headBytes < 0) {
            // Without its end within the limit and the 4 bytes of "\r\n\r\n" the head is too
            // large; short of that, the end may still come (in the next read).
            if (m_head.size() >= qsizetype(m_limits.maxHeaderBytes) + 4) {
                return fail(Verdict::HeaderFieldsTooLarge,
                            QStringLiteral("the request line and headers exceed %1 bytes")
                                .arg(m_limits.maxHeaderBytes));
            }
            data = data.sliced(take);
            continue;
        }
        if (end > m_limits.maxHeaderBytes) {
            return fail(Verdict::HeaderFieldsTooLarge,
                        QStringLiteral("the request line and headers exceed %1 bytes")
                            .arg(m_limits.maxHeaderBytes));
        }
        // Bytes after the head belong to the body or the next request.
        const qsizetype usedOfData = take - (m_head.size() - headBytes);
        m_head.truncate(end);
        const QByteArray head = std::move(m_head);
        m_head = QByteArray();
        if (parseHead(head) != Verdict::Ok) {
            return m_verdict;
        }
        m_blankBytes = 0;
        data = data.sliced(usedOfData);
        if (m_chunked) {
            m_inBody = true;
            m_bodyStarted = 0;
            m_chunk = Chunk::Size;
            m_trailerBytes = 0;
        } else if (m_bodyRemaining > 0) {
            m_inBody = true;
            m_bodyStarted = 0;
            m_current.m_body.reserve(m_bodyRemaining);
        } else {
            complete();
        }
    }
    return m_verdict;
}

bool RequestFramer::takeLine(QByteArrayView &data, QByteArray *line)
{
    const qsizetype nl = data.indexOf('\n');
    const qsizetype take = nl < 0 ? data.size() : nl + 1;
    m_line.append(data.first(take));
    data = data.sliced(take);
    if (nl < 0) {
        return false;
    }
    m_line.chop(1);
    if (m_line.endsWith('\r')) {
        m_line.chop(1);
    }
    *line = std::move(m_line);
    m_line = QByteArray();
    return true;
}

RequestFramer::Verdict RequestFramer::feedChunked(QByteArrayView &data)
{
    // RFC 9112, 7.1: chunk-size [; extensions] CRLF, data CRLF, ..., 0 CRLF, trailers, CRLF.
    constexpr qsizetype maxLine = 1024;
    QByteArray line;
    switch (m_chunk) {
    case Chunk::Size: {
        if (!takeLine(data, &line)) {
            if (m_line.size() > maxLine) {
                return fail(
                    Verdict::BadRequest,
                    QStringLiteral("a chunk-size line is longer than %1 bytes").arg(maxLine));
            }
            return Verdict::Ok;
        }
        ++m_bodyStarted;
        QByteArrayView size = trimmed(
            QByteArrayView(line).first(line.indexOf(';') < 0 ? line.size() : line.indexOf(';')));
        bool ok = !size.isEmpty() && size.size() <= 15;
        for (char c : size) {
            ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        }
        const qint64 bytes = ok ? size.toLongLong(&ok, 16) : -1;
        if (!ok) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("a chunk size is not a hexadecimal number"));
        }
        if (m_current.m_body.size() + bytes > m_limits.maxBodyBytes) {
            return fail(Verdict::PayloadTooLarge,
                        QStringLiteral("the chunked body exceeds %1 bytes (http.max_body_bytes)")
                            .arg(m_limits.maxBodyBytes));
        }
        if (bytes == 0) {
            m_chunk = Chunk::Trailer;
        } else {
            m_bodyRemaining = bytes;
            m_chunk = Chunk::Data;
        }
        return Verdict::Ok;
    }
    case Chunk::Data: {
        const qint64 take = qMin<qint64>(m_bodyRemaining, data.size());
        m_current.m_body.append(data.first(take));
        data = data.sliced(take);
        m_bodyRemaining -= take;
        m_bodyStarted += take;
        if (m_bodyRemaining == 0) {
            m_chunk = Chunk::DataEnd;
        }
        return Verdict::Ok;
    }
    case Chunk::DataEnd:
        if (!takeLine(data, &line)) {
            if (!m_line.isEmpty() && m_line != "\r") {
                return fail(Verdict::BadRequest,
                            QStringLiteral("a chunk is longer than its size says"));
            }
            return Verdict::Ok;
        }
        if (!line.isEmpty()) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("a chunk is longer than its size says"));
        }
        m_chunk = Chunk::Size;
        return Verdict::Ok;
    case Chunk::Trailer:
        if (!takeLine(data, &line)) {
            if (m_trailerBytes + m_line.size() > m_limits.maxHeaderBytes) {
                return fail(Verdict::HeaderFieldsTooLarge,
                            QStringLiteral("the trailer of the chunked body exceeds %1 bytes")
                                .arg(m_limits.maxHeaderBytes));
            }
            return Verdict::Ok;
        }
        if (line.isEmpty()) {
            complete(); // trailer fields are read past, not used
        } else {
            m_trailerBytes += line.size() + 2;
            if (m_trailerBytes > m_limits.maxHeaderBytes) {
                return fail(Verdict::HeaderFieldsTooLarge,
                            QStringLiteral("the trailer of the chunked body exceeds %1 bytes")
                                .arg(m_limits.maxHeaderBytes));
            }
        }
        return Verdict::Ok;
    }
    return Verdict::Ok;
}

RequestFramer::Verdict RequestFramer::parseHead(const QByteArray &head)
{
    const QByteArrayView all(head);
    qsizetype lineEnd = all.indexOf('\n');
    QByteArrayView requestLine = lineEnd < 0 ? all : all.first(lineEnd);
    if (requestLine.endsWith('\r')) {
        requestLine.chop(1);
    }
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request line is not \"METHOD /path HTTP/1.1\""));
    }
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method) || hasControlChars(target)) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request line is not \"METHOD /path HTTP/1.1\""));
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.' ||
        version.at(5) < '0' || version.at(5) > '9' || version.at(7) < '0' || version.at(7) > '9') {
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request line does not end with \"HTTP/1.1\""));
    }
    if (version.at(5) != '1') {
        if (version.at(5) == '0') {
            return fail(Verdict::BadRequest,
                        QStringLiteral("HTTP/0.x is not supported (use HTTP/1.1)"));
        }
        return fail(Verdict::VersionNotSupported,
                    QStringLiteral("HTTP/%1 is not spoken here (use HTTP/1.1)")
                        .arg(QString::fromLatin1(version.sliced(5))));
    }
    Request request;
    request.m_minor = version.at(7) == '0' ? 0 : 1;
    request.m_method = method.toByteArray();
    request.m_target = target.toByteArray();

    // origin-form (/path?query), absolute-form (http://host/path) or asterisk-form (*).
    QByteArrayView pathAndQuery = target;
    if (startsWithNoCase(target, "http://") || startsWithNoCase(target, "https://")) {
        const qsizetype authority = target.indexOf("//") + 2;
        qsizetype slash = authority;
        while (slash < target.size() && target.at(slash) != '/' && target.at(slash) != '?') {
            ++slash;
        }
        pathAndQuery = target.sliced(slash);
    } else if (target != "*" && !target.startsWith('/')) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request target must be a path such as /api/health"));
    }
    if (target != "*") {
        const qsizetype question = pathAndQuery.indexOf('?');
        const QByteArrayView path = question < 0 ? pathAndQuery : pathAndQuery.first(question);
        QUrl url;
        url.setPath(path.isEmpty() ? QStringLiteral("/") : QString::fromUtf8(path),
                    QUrl::TolerantMode);
        if (question >= 0) {
            url.setQuery(QString::fromUtf8(pathAndQuery.sliced(question + 1)), QUrl::TolerantMode);
        }
        request.m_url = url;
    }

    qint64 contentLength = -1;
    bool expectContinue = false;
    bool chunked = false;
    int hosts = 0;
    int lineNumber = 0;
    qsizetype pos = lineEnd < 0 ? all.size() : lineEnd + 1;
    while (pos < all.size()) {
        ++lineNumber;
        lineEnd = all.indexOf('\n', pos);
        QByteArrayView line = lineEnd < 0 ? all.sliced(pos) : all.sliced(pos, lineEnd - pos);
        pos = lineEnd < 0 ? all.size() : lineEnd + 1;
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("header line %1 is folded (obsolete; put it on one line)")
                            .arg(lineNumber));
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            return fail(
                Verdict::BadRequest,
                QStringLiteral("header line %1 has no \"Name: value\" form").arg(lineNumber));
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isToken(name)) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("header line %1 has an invalid name").arg(lineNumber));
        }
        if (hasControlChars(value)) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("header %1 has control characters in its value")
                            .arg(QString::fromLatin1(name.toByteArray())));
        }
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = !value.isEmpty() && value.size() <= 18;
            for (char c : value) {
                ok = ok && c >= '0' && c <= '9';
            }
            const qint64 length = ok ? value.toLongLong(&ok) : -1;
            if (!ok || (contentLength >= 0 && contentLength != length)) {
                return fail(Verdict::BadRequest,
                            QStringLiteral("Content-Length '%1' is not one decimal number")
                                .arg(QString::fromLatin1(
                                    value.first(qMin<qsizetype>(40, value.size())).toByteArray())));
            }
            contentLength = length;
        } else if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            if (++hosts > 1) {
                return fail(Verdict::BadRequest,
                            QStringLiteral("the request has more than one Host header"));
            }
            for (char c : value) {
                if (c == ' ' || c == '\t' || c == ',' || c == '/' || c == '\\' || c == '@' ||
                    c == '?' || c == '#') {
                    return fail(
                        Verdict::BadRequest,
                        QStringLiteral("the Host header '%1' is not a host name with an "
                                       "optional port")
                            .arg(QString::fromLatin1(
                                value.first(qMin<qsizetype>(80, value.size())).toByteArray())));
                }
            }
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            // Only chunked is understood, and only once, as the one coding.
            if (value.compare("chunked", Qt::CaseInsensitive) != 0 || chunked) {
                return fail(Verdict::NotImplemented,
                            QStringLiteral("the transfer coding '%1' is not supported; send the "
                                           "body as it is (Content-Length) or chunked")
                                .arg(QString::fromLatin1(
                                    value.first(qMin<qsizetype>(40, value.size())).toByteArray())));
            }
            chunked = true;
        }
        request.m_headers.append(qMakePair(name.toByteArray(), value.toByteArray()));
    }
    if (hosts == 0 && request.m_minor >= 1) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("an HTTP/1.1 request needs a Host header (RFC 9112, 3.2)"));
    }
    if (chunked && contentLength >= 0) {
        // Which one frames the body? A proxy in front may think otherwise (smuggling).
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request has both Content-Length and Transfer-Encoding"));
    }
    if (chunked && request.m_minor == 0) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("HTTP/1.0 has no chunked bodies; send Content-Length"));
    }
    if (contentLength > m_limits.maxBodyBytes) {
        return fail(Verdict::PayloadTooLarge,
                    QStringLiteral("the body is %1 bytes; the limit is %2 (http.max_body_bytes)")
                        .arg(contentLength)
                        .arg(m_limits.maxBodyBytes));
    }
    m_current = std::move(request);
    m_chunked = chunked;
    m_bodyRemaining = qMax<qint64>(contentLength, 0);
    m_expectContinue = expectContinue && (m_bodyRemaining > 0 || chunked);
    if (m_expectContinue) {
        ++m_continues;
    }
    return Verdict::Ok;
}

} // namespace Smollama::Http
