// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "request.h"

#include <QByteArray>
#include <QJsonObject>
#include <QPointer>
#include <QString>

#include <optional>

class QJsonDocument;

namespace Smollama::Http {

class GuardedSocket;

/*!
    The answer to one request as the API's routes write it: JSON, a JSON error, or a stream,
    each with the headers every answer of the API has (Cache-Control, and the CORS headers the
    request's Origin earned). A small value: a route that answers later (a tool) keeps a copy
    (later()); the first answer counts, any other is dropped.
*/
class Reply
{
public:
    Reply() = default;
    /*! \a common goes on every answer (CORS, Vary). */
    Reply(GuardedSocket *socket, const Headers &common);

    GuardedSocket *socket() const;
    bool isSent() const { return m_sent; }
    /*! A copy that answers later; this one counts as answered. */
    Reply later();

    void send(int status, const QByteArray &contentType, const QByteArray &body,
              const Headers &extra = {});
    void sendJson(int status, const QJsonDocument &doc, const Headers &extra = {});
    void sendError(int status, const QByteArray &code, const QString &message,
                   const Headers &extra = {});
    /*! Starts a streamed answer (200) of \a contentType; false for HEAD (the head alone has
        been sent) or when the client is gone. */
    bool beginStream(const QByteArray &contentType, const Headers &extra = {});

    /*! The request's body as a JSON object; an empty body is {} when \a allowEmpty. Anything
        else has been answered (400 or 415) and gives nullopt. */
    static std::optional<QJsonObject> jsonBody(const Request &request, Reply &reply,
                                               bool allowEmpty);

private:
    Headers headers(const QByteArray &contentType, const Headers &extra) const;

    QPointer<GuardedSocket> m_socket;
    Headers m_common;
    bool m_sent = false;
};

} // namespace Smollama::Http
