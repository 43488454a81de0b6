// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ollamastream.h"

#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Smollama {

/*!
    One streamed /api/chat request. Emits contentDelta()/thinkingDelta() as NDJSON chunks
    arrive and finished() exactly once. Owned by the caller (deleteLater() it after finished()).

    The stream is read like the official clients do: partial lines are carried into the next
    read, an {"error": ...} line fails the reply even on HTTP 200, a body that ends without
    done:true is an error, and tool calls are gathered from every chunk (also the done:true one).
*/
class SMOLLAMA_EXPORT OllamaChatReply : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        None,
        Unreachable,   //!< connection refused, host not found, connect timeout
        ModelNotFound, //!< HTTP 404
        NoToolSupport, //!< HTTP 400 "... does not support tools"
        Http,          //!< another non-2xx answer
        Stream,        //!< an error line, a broken or incomplete stream
        Timeout,       //!< no data for longer than the inactivity timeout
        Canceled,      //!< abort()
    };
    Q_ENUM(Error)

    ~OllamaChatReply() override;

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    /*! A message for a person: what failed and what to do. */
    QString errorString() const { return m_errorString; }
    /*! The short code used in agent events: "unreachable", "model_not_found", "no_tools", ... */
    static QString errorCode(Error error);

    /*! The assistant message as received: role, content, thinking (when any), tool_calls (when
        any; arguments are objects). */
    QJsonObject message() const;
    QString content() const { return m_content; }
    QJsonArray toolCalls() const { return m_toolCalls; }
    /*! The done:true chunk (done_reason, eval_count, ...). */
    QJsonObject final() const { return m_final; }
    /*! The HTTP status code (0 before headers arrived). */
    int httpStatus() const { return m_status; }
    /*! How many connection attempts failed before this one was answered. */
    int retries() const { return m_attempt; }

    /*! Stops the request; finished() is emitted with Error::Canceled. */
    void abort();

Q_SIGNALS:
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void finished();

private:
    friend class OllamaClient;
    OllamaChatReply(QNetworkAccessManager *nam, const QNetworkRequest &request,
                    const QByteArray &body, const QString &model, const QString &baseUrl,
                    int connectTimeoutMs, int inactivityTimeoutMs, int retries, int retryBackoffMs,
                    QObject *parent);

    void send();
    void onReadyRead();
    void onReplyFinished();
    void handleEvents(const QList<OllamaStreamParser::Event> &events);
    void fail(Error error, const QString &text);
    void finish();

    QNetworkAccessManager *m_nam;
    std::unique_ptr<QNetworkRequest> m_request;
    QByteArray m_body;
    QString m_model;
    QString m_baseUrl;
    int m_connectTimeoutMs;
    int m_inactivityTimeoutMs;
    int m_maxRetries;
    int m_retryBackoffMs;
    int m_attempt = 0;

    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_inactivityTimer;
    QTimer m_retryTimer;
    OllamaStreamParser m_parser;
    QByteArray m_errorBody;
    bool m_gotBytes = false;
    bool m_done = false;
    bool m_finished = false;
    int m_status = 0;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_content;
    QString m_thinking;
    QJsonArray m_toolCalls;
    QJsonObject m_final;
};

} // namespace Smollama
