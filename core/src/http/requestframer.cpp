// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestframer.h"

#include <QList>

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

int RequestFramer::statusCode(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return 200;
    case Verdict::BadRequest:
        return 400;
    case Verdict::LengthRequired:
        return 411;
    case Verdict::PayloadTooLarge:
        return 413;
    case Verdict::HeaderFieldsTooLarge:
        return 431;
    }
    return 400;
}

RequestFramer::Verdict RequestFramer::fail(Verdict verdict, const QString &problem)
{
    m_verdict = verdict;
    m_problem = problem;
    m_head.clear();
    return verdict;
}

RequestFramer::Verdict RequestFramer::feed(QByteArrayView data)
{
    while (m_verdict == Verdict::Ok && !data.isEmpty()) {
        if (m_inBody) {
            const qint64 take = qMin<qint64>(m_bodyRemaining, data.size());
            m_bodyRemaining -= take;
            data = data.sliced(take);
            if (m_bodyRemaining == 0) {
                m_inBody = false;
                ++m_completed;
            }
            continue;
        }
        // Empty lines between requests are allowed (RFC 9112, 2.2).
        if (m_head.isEmpty()) {
            while (!data.isEmpty() && (data.front() == '\r' || data.front() == '\n')) {
                data = data.sliced(1);
                // They count against the head's limit: endless empty lines are no way around
                // it (nor around the memory QtHttpServer keeps for them).
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
        const QByteArray head = m_head.left(end);
        m_head.clear();
        if (parseHead(head) != Verdict::Ok) {
            return m_verdict;
        }
        m_blankBytes = 0;
        data = data.sliced(usedOfData);
        if (m_bodyRemaining > 0) {
            m_inBody = true;
        } else {
            ++m_completed;
        }
    }
    return m_verdict;
}

RequestFramer::Verdict RequestFramer::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
    }
    const QByteArray &requestLine = lines.first();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty() ||
        hasControlChars(parts.at(1))) {
        return fail(Verdict::BadRequest,
                    QStringLiteral("the request line is not \"METHOD /path HTTP/1.1\""));
    }
    const QByteArray &version = parts.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        return fail(Verdict::BadRequest,
                    QStringLiteral("unsupported protocol version (use HTTP/1.1)"));
    }
    qint64 contentLength = -1;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            return fail(
                Verdict::BadRequest,
                QStringLiteral("header line %1 is folded (obsolete; put it on one line)").arg(i));
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("header line %1 has no \"Name: value\" form").arg(i));
        }
        const QByteArrayView name = QByteArrayView(line).first(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isToken(name)) {
            return fail(Verdict::BadRequest,
                        QStringLiteral("header line %1 has an invalid name").arg(i));
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
                                .arg(QString::fromLatin1(value.left(40))));
            }
            contentLength = length;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            return fail(Verdict::LengthRequired,
                        QStringLiteral("request bodies must be sent with a Content-Length, not "
                                       "Transfer-Encoding"));
        }
    }
    if (contentLength > m_limits.maxBodyBytes) {
        return fail(Verdict::PayloadTooLarge,
                    QStringLiteral("the body is %1 bytes; the limit is %2 (http.max_body_bytes)")
                        .arg(contentLength)
                        .arg(m_limits.maxBodyBytes));
    }
    m_bodyRemaining = qMax<qint64>(contentLength, 0);
    if (expectContinue && m_bodyRemaining > 0) {
        ++m_continues;
    }
    return Verdict::Ok;
}

} // namespace Smollama::Http
