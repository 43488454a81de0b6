// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/sourceinfo.h>

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

class ReadingBus;
class ReadingHistory;
class ReadingManager;

/*!
    The latest reading of every source, sorted by source so the sources of one plugin instance
    are together, each with the values of the last hour for its sparkline.

    Readings come from the bus in batches; they are merged and applied every coalesce interval
    (150 ms), so a flood of readings costs one dataChanged() per changed row, not one per
    reading. A slower timer notices sources that went stale.
*/
class ReadingsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the readings model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QStringList instances READ instances NOTIFY instancesChanged)
    /*! How many sources each of instances has, in the same order (rows are grouped by
        instance, so rows 0..sizes[0]-1 are the first instance's). */
    Q_PROPERTY(QVariantList instanceSizes READ instanceSizes NOTIFY countChanged)

public:
    enum Role {
        SourceRole = Qt::UserRole + 1,
        InstanceRole,
        LabelRole,
        DescriptionRole,
        ValueTextRole, //!< the value as shown, in the unit of ValueUnitRole ("2.10")
        ValueUnitRole, //!< the unit shown after it ("GHz"; empty for "1 d 2 h")
        ValueRole,
        UnitRole,
        QualityRole,
        MessageRole,
        SparklineRole,
        TimestampRole,
    };
    Q_ENUM(Role)

    /*! Reads from \a manager (declared sources, staleness), \a history (sparklines) and
        \a bus (new readings); none is owned. */
    ReadingsModel(ReadingManager *manager, ReadingHistory *history, ReadingBus *bus,
                  QObject *parent = nullptr);
    ~ReadingsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    QStringList instances() const;
    QVariantList instanceSizes() const;
    /*! The row of \a source, -1 when unknown. */
    Q_INVOKABLE int indexOf(const QString &source) const;
    /*! Every role of \a row by name (for pages that show one source). */
    Q_INVOKABLE QVariantMap get(int row) const;

    /*! How long readings are collected before the model changes (ms). */
    void setCoalesceInterval(int ms);
    /*! The number of dataChanged() signals sent so far (for the benchmark and tests). */
    quint64 updatesSent() const { return m_updatesSent; }

Q_SIGNALS:
    void countChanged();
    void instancesChanged();

private:
    struct Row
    {
        QString source;
        QString instance;
        QString label;
        QString description;
        QString unit;
        Reading reading;
        QVariantList sparkline;
    };

    static QString unitOf(const Row &row);
    void onBatch(const QList<Smollama::Reading> &batch);
    void flush();
    void checkStale();
    int insertRow(const QString &source);
    void refreshSparkline(Row &row, qint64 nowMs) const;
    void readDeclared();

    ReadingManager *m_manager;
    ReadingHistory *m_history;
    // The declared sources (label, unit), read again when an undeclared source shows up.
    QHash<QString, SourceInfo> m_declared;
    QVector<Row> m_rows;
    QHash<QString, Reading> m_pending;
    QTimer m_flushTimer;
    QTimer m_staleTimer;
    quint64 m_updatesSent = 0;
};

} // namespace Smollama
