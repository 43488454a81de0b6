// SPDX-License-Identifier: GPL-3.0-or-later
#include "reply.h"

#include "guardedsocket.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Smollama::Http {

Reply::Reply(GuardedSocket *socket, const Headers &common)
    : m_socket(socket)
    , m_common(common)
{
}

GuardedSocket *Reply::socket() const
{
    return m_socket;
}

Reply Reply::later()
{
    Reply copy = *this;
    m_sent = true;
    return copy;
}

Headers Reply::headers(const QByteArray &contentType, const Headers &extra) const
{
    Headers out;
    out.reserve(3 + m_common.size() + extra.size());
    if (!contentType.isEmpty()) {
        out.append(qMakePair(QByteArray("Content-Type"), contentType));
    }
    out.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    out += m_common;
    out += extra;
    return out;
}

void Reply::send(int status, const QByteArray &contentType, const QByteArray &body,
                 const Headers &extra)
{
    if (m_sent || !m_socket) {
        return;
    }
    m_sent = true;
    m_socket->respond(status, headers(contentType, extra), body);
}

void Reply::sendJson(int status, const QJsonDocument &doc, const Headers &extra)
{
    send(status, "application/json", doc.toJson(QJsonDocument::Compact) + '\n', extra);
}

void Reply::sendError(int status, const QByteArray &code, const QString &message,
                      const Headers &extra)
{
    send(status, "application/json", errorBody(status, code, message), extra);
}

bool Reply::beginStream(const QByteArray &contentType, const Headers &extra)
{
    if (m_sent || !m_socket) {
        return false;
    }
    m_sent = true;
    return m_socket->beginStream(200, headers(contentType, extra));
}

std::optional<QJsonObject> Reply::jsonBody(const Request &request, Reply &reply, bool allowEmpty)
{
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty()) {
        if (allowEmpty) {
            return QJsonObject();
        }
        reply.sendError(400, "bad_request",
                        QStringLiteral("the request needs a JSON object as its body"));
        return std::nullopt;
    }
    const QByteArray type = request.value("content-type").trimmed().toLower();
    if (!type.startsWith("application/json")) {
        reply.sendError(
            415, "unsupported_media_type",
            QStringLiteral("the body must be JSON with \"Content-Type: application/json\" "
                           "(got '%1')")
                .arg(QString::fromUtf8(type.isEmpty() ? QByteArray("none") : type.left(80))));
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        reply.sendError(400, "invalid_json",
                        QStringLiteral("the body is not valid JSON: %1 at offset %2")
                            .arg(error.errorString())
                            .arg(error.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        reply.sendError(
            400, "invalid_json",
            QStringLiteral("the body must be a JSON object ({...}), not %1")
                .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("a value")));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace Smollama::Http
