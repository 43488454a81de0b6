// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostprotocol.h"

#include <QCborArray>
#include <QCborValue>
#include <QJsonValue>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Smollama::HostProtocol {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

bool writeFrame(int fd, const QCborMap &message, QMutex *lock, QString *error)
{
    const QByteArray body = message.toCborValue().toCbor();
    if (body.size() > kMaxFrame) {
        if (error) {
            *error = QStringLiteral("message of %1 bytes is larger than the protocol's %2")
                         .arg(body.size())
                         .arg(kMaxFrame);
        }
        return false;
    }
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(body.size()), frame.data());
    frame.append(body);
    QMutexLocker locker(lock);
    const char *data = frame.constData();
    qsizetype left = frame.size();
    int stalled = 0;
    while (left > 0) {
        // MSG_NOSIGNAL: a host that is gone is an error here, never a SIGPIPE.
        const ssize_t n = ::send(fd, data, size_t(left), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // A peer that reads nothing for 5 s is treated as gone: the writer never hangs.
            pollfd p{fd, POLLOUT, 0};
            if (::poll(&p, 1, 1000) == 0 && ++stalled >= 5) {
                if (error) {
                    *error = QStringLiteral("the peer has not read for 5 s");
                }
                return false;
            }
            continue;
        }
        if (n <= 0) {
            if (error) {
                *error = errnoText();
            }
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

FrameReader::FrameReader(int fd)
    : m_fd(fd)
{
}

void FrameReader::setFd(int fd)
{
    m_fd = fd;
    m_buffer.clear();
    m_error.clear();
}

bool FrameReader::takeBuffered(QCborMap *message, Status *status)
{
    if (m_buffer.size() < 4) {
        return false;
    }
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData());
    if (length > quint32(kMaxFrame)) {
        m_error =
            QStringLiteral("a message of %1 bytes (the limit is %2)").arg(length).arg(kMaxFrame);
        *status = Status::Error;
        return true;
    }
    if (m_buffer.size() < qsizetype(4 + length)) {
        return false;
    }
    QCborParserError parseError;
    const QCborValue value =
        QCborValue::fromCbor(m_buffer.constData() + 4, qsizetype(length), &parseError);
    m_buffer.remove(0, 4 + length);
    if (parseError.error != QCborError::NoError || !value.isMap()) {
        m_error = QStringLiteral("a message that is not a CBOR map");
        *status = Status::Error;
        return true;
    }
    *message = value.toMap();
    *status = Status::Frame;
    return true;
}

FrameReader::Status FrameReader::next(QCborMap *message, int timeoutMs)
{
    Status status = Status::Timeout;
    if (takeBuffered(message, &status)) {
        return status;
    }
    for (;;) {
        pollfd p{m_fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, timeoutMs);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            m_error = errnoText();
            return Status::Error;
        }
        if (ready == 0) {
            return Status::Timeout;
        }
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            continue;
        }
        if (n < 0) {
            m_error = errnoText();
            return Status::Error;
        }
        if (n == 0) {
            return Status::Closed;
        }
        m_buffer.append(chunk, n);
        if (takeBuffered(message, &status)) {
            return status;
        }
        // A partial frame: the rest follows at once; do not wait the whole timeout again.
        if (timeoutMs == 0) {
            timeoutMs = 1000;
        }
    }
}

QCborMap toCbor(const Reading &reading)
{
    QCborMap map;
    map.insert(QLatin1String("s"), reading.source());
    if (reading.value().isValid()) {
        map.insert(QLatin1String("v"), QCborValue::fromVariant(reading.value()));
    }
    if (!reading.unit().isEmpty()) {
        map.insert(QLatin1String("u"), reading.unit());
    }
    map.insert(QLatin1String("t"), reading.timestamp().toMSecsSinceEpoch());
    map.insert(QLatin1String("q"), int(reading.quality()));
    if (!reading.message().isEmpty()) {
        map.insert(QLatin1String("m"), reading.message());
    }
    if (!reading.node().isEmpty()) {
        map.insert(QLatin1String("n"), reading.node());
    }
    return map;
}

Reading readingFromCbor(const QCborMap &map)
{
    const QCborValue value = map.value(QLatin1String("v"));
    Reading reading(
        map.value(QLatin1String("s")).toString(),
        value.isUndefined() ? QVariant() : value.toVariant(),
        map.value(QLatin1String("u")).toString(),
        QDateTime::fromMSecsSinceEpoch(map.value(QLatin1String("t")).toInteger(), Qt::UTC));
    const qint64 quality = map.value(QLatin1String("q")).toInteger();
    if (quality >= 0 && quality <= int(Reading::Quality::Error)) {
        reading.setQuality(Reading::Quality(quality));
    }
    reading.setMessage(map.value(QLatin1String("m")).toString());
    reading.setNode(map.value(QLatin1String("n")).toString());
    return reading;
}

QCborArray toCbor(const QList<Reading> &readings)
{
    QCborArray array;
    for (const Reading &r : readings) {
        array.append(toCbor(r));
    }
    return array;
}

QList<Reading> readingsFromCbor(const QCborArray &array)
{
    QList<Reading> readings;
    readings.reserve(array.size());
    for (const QCborValue &v : array) {
        readings.append(readingFromCbor(v.toMap()));
    }
    return readings;
}

QCborMap toCbor(const SourceInfo &info)
{
    QCborMap map;
    map.insert(QLatin1String("id"), info.id);
    map.insert(QLatin1String("label"), info.label);
    map.insert(QLatin1String("unit"), info.unit);
    map.insert(QLatin1String("description"), info.description);
    return map;
}

SourceInfo sourceFromCbor(const QCborMap &map)
{
    return {map.value(QLatin1String("id")).toString(), map.value(QLatin1String("label")).toString(),
            map.value(QLatin1String("unit")).toString(),
            map.value(QLatin1String("description")).toString()};
}

void putResult(QCborMap &map, const Result &result)
{
    map.insert(QLatin1String("code"), int(result.code()));
    if (!result.message().isEmpty()) {
        map.insert(QLatin1String("message"), result.message());
    }
}

Result resultFrom(const QCborMap &map)
{
    const QString message = map.value(QLatin1String("message")).toString();
    switch (Result::Code(map.value(QLatin1String("code")).toInteger(int(Result::Code::Error)))) {
    case Result::Code::Ok:
        return Result::ok();
    case Result::Code::NotReady:
        return Result::notReady(message);
    case Result::Code::InvalidConfig:
        return Result::invalidConfig(message);
    case Result::Code::Error:
        break;
    }
    return Result::error(message);
}

void putToolResult(QCborMap &map, const ToolResult &result)
{
    map.insert(QLatin1String("ok"), result.isOk());
    map.insert(QLatin1String("value"), QCborValue::fromJsonValue(result.value()));
    if (!result.message().isEmpty()) {
        map.insert(QLatin1String("message"), result.message());
    }
}

ToolResult toolResultFrom(const QCborMap &map)
{
    if (map.value(QLatin1String("ok")).toBool()) {
        return ToolResult::ok(map.value(QLatin1String("value")).toJsonValue());
    }
    return ToolResult::error(map.value(QLatin1String("message")).toString());
}

} // namespace Smollama::HostProtocol
