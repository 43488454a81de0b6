// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostprotocol.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QDateTime>
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
    return writeFrame(fd, message.toCborValue().toCbor(), lock, error);
}

bool writeFrame(int fd, const QByteArray &body, QMutex *lock, QString *error)
{
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

namespace {

// The keys of a reading in a message: one character each.
constexpr char kSource = 's';
constexpr char kValue = 'v';
constexpr char kUnit = 'u';
constexpr char kTime = 't';
constexpr char kQuality = 'q';
constexpr char kMessage = 'm';
constexpr char kNode = 'n';
const QLatin1String kPublish("publish");

QLatin1String key(const char &k)
{
    return QLatin1String(&k, 1);
}

void writeReading(QCborStreamWriter &writer, const Reading &reading)
{
    const QVariant &value = reading.value();
    const qsizetype entries = 3 + (value.isValid() ? 1 : 0) + (reading.unit().isEmpty() ? 0 : 1) +
                              (reading.message().isEmpty() ? 0 : 1) +
                              (reading.node().isEmpty() ? 0 : 1);
    writer.startMap(entries);
    writer.append(key(kSource));
    writer.append(reading.source());
    if (value.isValid()) {
        writer.append(key(kValue));
        switch (value.typeId()) {
        case QMetaType::Double:
            writer.append(value.toDouble());
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
            writer.append(value.toLongLong());
            break;
        case QMetaType::Bool:
            writer.append(value.toBool());
            break;
        default:
            QCborValue::fromVariant(value).toCbor(writer);
            break;
        }
    }
    if (!reading.unit().isEmpty()) {
        writer.append(key(kUnit));
        writer.append(reading.unit());
    }
    writer.append(key(kTime));
    writer.append(reading.timestamp().toMSecsSinceEpoch());
    writer.append(key(kQuality));
    writer.append(qint64(reading.quality()));
    if (!reading.message().isEmpty()) {
        writer.append(key(kMessage));
        writer.append(reading.message());
    }
    if (!reading.node().isEmpty()) {
        writer.append(key(kNode));
        writer.append(reading.node());
    }
    writer.endMap();
}

/*! A text string (false when the next item is none or the stream is broken). */
bool readText(QCborStreamReader &reader, QString *text)
{
    if (!reader.isString()) {
        return false;
    }
    auto chunk = reader.readString();
    *text = chunk.data; // most strings come in one chunk
    while (chunk.status == QCborStreamReader::Ok) {
        chunk = reader.readString();
        text->append(chunk.data);
    }
    return chunk.status == QCborStreamReader::EndOfString;
}

/*! The key of a field of a reading: its one character ('s', 'v' ...), read without making a
    QString of it; 0 for a longer key (skipped). False when the stream is broken. */
bool readKey(QCborStreamReader &reader, char *key)
{
    if (!reader.isString()) {
        return false;
    }
    qsizetype length = 0;
    for (;;) {
        const qsizetype size = reader.currentStringChunkSize();
        char first = 0;
        const auto chunk = reader.readStringChunk(&first, 1); // skips the rest of the chunk
        if (chunk.status == QCborStreamReader::Error) {
            return false;
        }
        if (chunk.status == QCborStreamReader::EndOfString) {
            break;
        }
        if (size > 0 && length == 0) {
            *key = first;
        }
        length += size;
    }
    if (length != 1) {
        *key = 0;
    }
    return true;
}

/*! A field of a reading that is not of the expected kind is skipped and left empty;
    false only when the stream itself is broken. */
bool readTextField(QCborStreamReader &reader, QString *text)
{
    return reader.isString() ? readText(reader, text) : reader.next();
}

bool readIntegerField(QCborStreamReader &reader, qint64 *value)
{
    if (reader.isInteger()) {
        *value = reader.toInteger();
    }
    return reader.next();
}

/*! One reading of a map {s, v, u, t, q, m, n} (toCbor()), decoded as it streams. */
bool readReading(QCborStreamReader &reader, Reading *reading)
{
    if (!reader.isMap() || !reader.enterContainer()) {
        return false;
    }
    QString source, unit, message, node;
    QVariant value;
    qint64 time = 0;
    qint64 quality = 0;
    while (reader.hasNext()) {
        char key = 0;
        if (!readKey(reader, &key)) {
            return false;
        }
        bool ok = true;
        switch (key) {
        case kSource:
            ok = readTextField(reader, &source);
            break;
        case kValue: {
            const QCborValue v = QCborValue::fromCbor(reader);
            value = v.isUndefined() ? QVariant() : v.toVariant();
            break;
        }
        case kUnit:
            ok = readTextField(reader, &unit);
            break;
        case kTime:
            ok = readIntegerField(reader, &time);
            break;
        case kQuality:
            ok = readIntegerField(reader, &quality);
            break;
        case kMessage:
            ok = readTextField(reader, &message);
            break;
        case kNode:
            ok = readTextField(reader, &node);
            break;
        default:
            ok = reader.next();
            break;
        }
        if (!ok || reader.lastError() != QCborError::NoError) {
            return false;
        }
    }
    if (!reader.leaveContainer()) {
        return false;
    }
    *reading = Reading(source, value, unit, QDateTime::fromMSecsSinceEpoch(time, Qt::UTC));
    if (quality >= 0 && quality <= int(Reading::Quality::Error)) {
        reading->setQuality(Reading::Quality(quality));
    }
    reading->setMessage(message);
    reading->setNode(node);
    return true;
}

void writeReadings(QCborStreamWriter &writer, const QList<Reading> &readings)
{
    writer.startArray(readings.size());
    for (const Reading &reading : readings) {
        writeReading(writer, reading);
    }
    writer.endArray();
}

/*! An array of readings, appended to \a readings; false when the next item is no array or
    the stream is broken. */
bool readReadings(QCborStreamReader &reader, QList<Reading> *readings)
{
    if (!reader.isArray() || !reader.enterContainer()) {
        return false;
    }
    while (reader.hasNext()) {
        Reading reading;
        if (!readReading(reader, &reading)) {
            return false;
        }
        readings->append(std::move(reading));
    }
    return reader.leaveContainer();
}

} // namespace

QByteArray publishMessage(const QList<Reading> &readings)
{
    QByteArray body;
    body.reserve(16 + readings.size() * 40);
    QCborStreamWriter writer(&body);
    writer.startMap(1);
    writer.append(kPublish);
    writeReadings(writer, readings);
    writer.endMap();
    return body;
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

void FrameReader::setPublishHandler(std::function<void(const QList<Reading> &)> handler)
{
    m_publishHandler = std::move(handler);
}

bool FrameReader::takePublished(const char *body, qsizetype size)
{
    QCborStreamReader reader(QByteArray::fromRawData(body, size));
    QString key;
    QList<Reading> readings;
    // Anything else, broken or not, is parsed again as a map (and its error said).
    if (!reader.isMap() || !reader.isLengthKnown() || reader.length() != 1 ||
        !reader.enterContainer() || !readText(reader, &key) || key != kPublish ||
        !readReadings(reader, &readings) || !reader.leaveContainer() ||
        reader.lastError() != QCborError::NoError) {
        return false;
    }
    m_publishHandler(readings);
    return true;
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
    if (m_publishHandler && takePublished(m_buffer.constData() + 4, qsizetype(length))) {
        m_buffer.remove(0, 4 + length);
        *status = Status::Published;
        return true;
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

QCborArray toCbor(const QList<Reading> &readings)
{
    QByteArray bytes;
    {
        QCborStreamWriter writer(&bytes);
        writeReadings(writer, readings);
    }
    return QCborValue::fromCbor(bytes).toArray();
}

QList<Reading> readingsFromCbor(const QCborArray &array)
{
    QCborStreamReader reader(QCborValue(array).toCbor());
    QList<Reading> readings;
    readReadings(reader, &readings); // what a broken array held up to the break
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
