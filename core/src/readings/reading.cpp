// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/reading.h>

namespace Smollama {

class ReadingData : public QSharedData
{
public:
    QString node;
    QString source;
    QVariant value;
    QString unit;
    QDateTime timestamp;
    QString message;
    Reading::Quality quality = Reading::Quality::Ok;
};

Reading::Reading()
    : d(new ReadingData)
{
}

Reading::Reading(const QString &source, const QVariant &value, const QString &unit,
                 const QDateTime &timestamp)
    : d(new ReadingData)
{
    d->source = source;
    d->value = value;
    d->unit = unit;
    d->timestamp = timestamp.isValid() ? timestamp.toUTC() : QDateTime::currentDateTimeUtc();
}

Reading::Reading(const Reading &other) = default;
Reading::Reading(Reading &&other) noexcept = default;
Reading &Reading::operator=(const Reading &other) = default;
Reading &Reading::operator=(Reading &&other) noexcept = default;
Reading::~Reading() = default;

Reading Reading::error(const QString &source, const QString &message, const QString &unit)
{
    Reading r(source, QVariant(), unit);
    r.d->quality = Quality::Error;
    r.d->message = message;
    return r;
}

bool Reading::isValid() const
{
    return !d->source.isEmpty();
}

QString Reading::node() const
{
    return d->node;
}
void Reading::setNode(const QString &node)
{
    d->node = node;
}

QString Reading::source() const
{
    return d->source;
}
void Reading::setSource(const QString &source)
{
    d->source = source;
}

QVariant Reading::value() const
{
    return d->value;
}
void Reading::setValue(const QVariant &value)
{
    d->value = value;
}

QString Reading::unit() const
{
    return d->unit;
}
void Reading::setUnit(const QString &unit)
{
    d->unit = unit;
}

QDateTime Reading::timestamp() const
{
    return d->timestamp;
}
void Reading::setTimestamp(const QDateTime &timestamp)
{
    d->timestamp = timestamp.toUTC();
}

Reading::Quality Reading::quality() const
{
    return d->quality;
}
void Reading::setQuality(Quality quality)
{
    d->quality = quality;
}

QString Reading::message() const
{
    return d->message;
}
void Reading::setMessage(const QString &message)
{
    d->message = message;
}

QString Reading::qualityName(Quality quality)
{
    switch (quality) {
    case Quality::Ok:
        return QStringLiteral("ok");
    case Quality::Stale:
        return QStringLiteral("stale");
    case Quality::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

QJsonObject Reading::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("node"), d->node);
    o.insert(QLatin1String("source"), d->source);
    o.insert(QLatin1String("value"), QJsonValue::fromVariant(d->value));
    o.insert(QLatin1String("unit"), d->unit);
    o.insert(QLatin1String("timestamp"), d->timestamp.toString(Qt::ISODateWithMs));
    o.insert(QLatin1String("quality"), qualityName(d->quality));
    o.insert(QLatin1String("message"), d->message);
    return o;
}

} // namespace Smollama
