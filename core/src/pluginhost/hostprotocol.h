// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/result.h>
#include <smollama/smollama_export.h>
#include <smollama/sourceinfo.h>
#include <smollama/toolresult.h>

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>

namespace Smollama::HostProtocol {

/*!
    The protocol between the node and a plugin host (`smollama-plugin-host`, one per instance
    with `isolation: process`; docs/resilience.md, "Plugin hosts").

    Messages are CBOR maps framed by a 4-byte big-endian length, at most kMaxFrame bytes, on
    a socketpair. The host opens with {hello: {protocol, pid}}. Requests of the node carry an
    "id" and an "op" (load, check, setup, read, tool, teardown) and get one answer with the same
    "id". Unasked, the host sends {publish: [readings]}, {degraded: reason}, {node: name,
    facts}, and {call: id, tool, arguments} / {ask: id, question}, which the node answers with
    {answer: id, ...}.
*/
constexpr int kVersion = 1;
constexpr qsizetype kMaxFrame = 1024 * 1024;
/*! The file descriptor the host finds its end of the socketpair on. */
constexpr int kHostFd = 3;

/*! Writes one frame; false (with \a error set) when the peer is gone, has not read for 5 s
    (on a non-blocking \a fd), or the map is too large. Safe from any thread when callers
    share \a lock (which may be null). */
SMOLLAMA_EXPORT bool writeFrame(int fd, const QCborMap &message, QMutex *lock,
                                QString *error = nullptr);
/*! The same with the message already encoded (publishMessage()). */
SMOLLAMA_EXPORT bool writeFrame(int fd, const QByteArray &body, QMutex *lock,
                                QString *error = nullptr);

/*! {publish: [readings]} encoded as it streams, without a QCborMap per reading: the same
    bytes as a QCborMap with toCbor(readings) under "publish". */
SMOLLAMA_EXPORT QByteArray publishMessage(const QList<Reading> &readings);

/*! Reads frames from a blocking or non-blocking descriptor. */
class SMOLLAMA_EXPORT FrameReader
{
public:
    /*! Published: a publish message went to the publish handler (setPublishHandler()). */
    enum class Status { Frame, Published, Timeout, Closed, Error };

    explicit FrameReader(int fd = -1);
    void setFd(int fd);

    /*! Frames {publish: [readings]} are decoded as they stream, straight into readings (no
        map per reading), and given to \a handler; next() then says Published. */
    void setPublishHandler(std::function<void(const QList<Reading> &)> handler);

    /*! The next frame, waiting at most \a timeoutMs (-1: forever). A frame over kMaxFrame or
        one that is not a CBOR map is an Error (the stream cannot be trusted after it). */
    Status next(QCborMap *message, int timeoutMs);
    /*! Only what is already buffered or readable without waiting. */
    Status poll(QCborMap *message) { return next(message, 0); }
    QString errorText() const { return m_error; }

private:
    bool takeBuffered(QCborMap *message, Status *status);
    /*! True when the body was a publish message, given to the handler. */
    bool takePublished(const char *body, qsizetype size);

    int m_fd = -1;
    std::function<void(const QList<Reading> &)> m_publishHandler;
    QByteArray m_buffer;
    QString m_error;
};

/*! Readings as an array of maps {s: source, v: value, u: unit, t: ms since the epoch,
    q: quality, m: message, n: node} (empty fields left out); the same mapping as in
    publishMessage() and what the publish handler is given. */
SMOLLAMA_EXPORT QCborArray toCbor(const QList<Reading> &readings);
SMOLLAMA_EXPORT QList<Reading> readingsFromCbor(const QCborArray &array);

QCborMap toCbor(const SourceInfo &info);
SourceInfo sourceFromCbor(const QCborMap &map);

/*! {code, message} */
void putResult(QCborMap &map, const Result &result);
Result resultFrom(const QCborMap &map);

/*! {ok, value, message} */
void putToolResult(QCborMap &map, const ToolResult &result);
ToolResult toolResultFrom(const QCborMap &map);

} // namespace Smollama::HostProtocol
