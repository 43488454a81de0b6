// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

namespace Smollama {
class UnixSignalWatcher;
}

namespace Smollama::Cli {

/*!
    The running smollama, seen through its HTTP API. Where to find it: the http.json of this
    user's state folder, then the service's (StatePaths::instanceStateDirs(); written by the
    instance once it listens, also with http.port: 0), then the configured http.host and
    http.port. Requests carry the token next to the http.json that named the instance. Every command
   that can ask the instance (status, plugin list, readings, ask) goes through here, and falls back
   to its dry run when nothing answers.
*/
class InstanceClient
{
public:
    explicit InstanceClient(const Config &config);

    /*! True when a smollama answers GET /api/health within a short time; health() is then
        its answer. */
    bool probe();
    QUrl baseUrl() const { return m_base; }
    /*! Where the address came from: the http.json file or "http.host/http.port". */
    QString addressOrigin() const { return m_origin; }
    QJsonObject health() const { return m_health; }

    struct Result
    {
        int status = 0;        //!< HTTP status; 0 when no answer came
        QByteArray body;       //!< the whole body (not for streams)
        QString error;         //!< why there is no answer, or the API's error text
        bool canceled = false; //!< ended by Ctrl+C or SIGTERM
        bool ok() const { return status >= 200 && status < 300 && error.isEmpty(); }
    };

    Result get(const QString &path, int timeoutMs = 10000);
    /*! POSTs \a body with the instance's token (api-token next to its http.json) and hands each
       line of the streamed answer to \a onLine as it arrives. \a stop, when it returns true, ends
       the stream early. */
    Result postStream(const QString &path, const QJsonObject &body,
                      const std::function<void(const QByteArray &line)> &onLine);
    /*! GETs a stream (Server-Sent Events) with \a headers added and hands each line to
        \a onLine until the server closes it or \a termination reports Ctrl+C or SIGTERM (the
        result is then canceled). */
    Result getStream(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers,
                     const std::function<void(const QByteArray &line)> &onLine,
                     UnixSignalWatcher *termination);

    /*! The API's error text from a JSON error body, or \a fallback. */
    static QString errorText(const QByteArray &body, const QString &fallback);

private:
    struct Candidate
    {
        QUrl url;
        QString origin;    //!< where the address came from
        QString tokenPath; //!< the api-token that goes with it
    };
    QList<Candidate> m_candidates;
    QUrl m_base;
    QString m_origin;
    QString m_tokenPath;
    QJsonObject m_health;
};

} // namespace Smollama::Cli
