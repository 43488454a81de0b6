// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QSharedDataPointer>
#include <QString>
#include <QVariant>

namespace Smollama {

class ReadingData;

/*!
    One measured value of one source at one time.

    A plugin creates readings with the local id of its source ("cpu_temp"); the host prefixes
    the instance name, so the rest of smollama sees "system:cpu_temp". A failing sensor yields
    an error reading (Reading::error()), never a made-up number.

    Units come from a small vocabulary so the dashboard and the agent can compare them:
    "°C", "%", "MHz", "MiB", "hPa", "s", "V", "A", "W", "kWh", "lx", "ppm", "" (none).
*/
class SMOLLAMA_EXPORT Reading
{
public:
    enum class Quality {
        Ok,    //!< A fresh, valid value.
        Stale, //!< The newest value is older than three poll intervals.
        Error, //!< No value could be read; message() says why.
    };

    /*! An invalid reading (no source). */
    Reading();
    /*! A good reading of \a source with \a value (number, bool or string) in \a unit, taken at
        \a timestamp (now, in UTC, when not given). */
    Reading(const QString &source, const QVariant &value, const QString &unit = QString(),
            const QDateTime &timestamp = QDateTime());
    Reading(const Reading &other);
    Reading(Reading &&other) noexcept;
    Reading &operator=(const Reading &other);
    Reading &operator=(Reading &&other) noexcept;
    ~Reading();

    /*! An error reading of \a source: no value, quality Error, and \a message saying why. */
    static Reading error(const QString &source, const QString &message,
                         const QString &unit = QString());

    /*! True when the reading has a source. */
    bool isValid() const;

    /*! The node that measured it (SDK 1.1): this node's name for local readings, the other
        node's name for readings received from it (over MQTT). Empty inside a plugin until
        published: the host fills it in. */
    QString node() const;
    void setNode(const QString &node);

    /*! "<instance>:<id>" once published (as the node that measured it names it); the local id
        inside a plugin. */
    QString source() const;
    void setSource(const QString &source);

    /*! A number (double or integer), a bool or a string; null for error readings. */
    QVariant value() const;
    void setValue(const QVariant &value);

    QString unit() const;
    void setUnit(const QString &unit);

    /*! When the value was taken, in UTC. */
    QDateTime timestamp() const;
    void setTimestamp(const QDateTime &timestamp);

    Quality quality() const;
    void setQuality(Quality quality);

    /*! Why the reading is stale or in error; empty for good readings. */
    QString message() const;
    void setMessage(const QString &message);

    /*! The JSON form used by the CLI and the HTTP API: node, source, value, unit, timestamp
        (ISO 8601, UTC, milliseconds), quality ("ok", "stale", "error") and message. */
    QJsonObject toJson() const;

    /*! "ok", "stale" or "error". */
    static QString qualityName(Quality quality);

private:
    QSharedDataPointer<ReadingData> d;
};

} // namespace Smollama

Q_DECLARE_METATYPE(Smollama::Reading)
