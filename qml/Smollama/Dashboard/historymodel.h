// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QTimer>
#include <QVariantList>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

class ReadingHistory;
struct HistoryPoint;

/*!
    The history of one source over the last hour or day, for the detail page's chart: one row
    per chart point (at most 240; a spike survives in the point's max) and the window's minimum,
    maximum and average. Refreshes itself every few seconds while a source is set.
*/
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the history model")
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    /*! The node of source; empty for this node's. Set it before source. */
    Q_PROPERTY(QString node READ node WRITE setNode NOTIFY sourceChanged)
    Q_PROPERTY(int hours READ hours WRITE setHours NOTIFY hoursChanged)
    Q_PROPERTY(int count READ count NOTIFY refreshed)
    Q_PROPERTY(double minimum READ minimum NOTIFY refreshed)
    Q_PROPERTY(double maximum READ maximum NOTIFY refreshed)
    Q_PROPERTY(double average READ average NOTIFY refreshed)
    Q_PROPERTY(qint64 fromMs READ fromMs NOTIFY refreshed)
    Q_PROPERTY(qint64 toMs READ toMs NOTIFY refreshed)
    /*! The rows as [{t, v, min, max, gap}] for drawing in one go; gap is true when readings
        are missing before the point (longer than three times the usual spacing), so the line
        breaks there instead of bridging a time the node was off. */
    Q_PROPERTY(QVariantList series READ series NOTIFY refreshed)
    /*! When the source gave error readings in the window (ms since the epoch). */
    Q_PROPERTY(QVariantList errors READ errors NOTIFY refreshed)

public:
    enum Role { TimestampRole = Qt::UserRole + 1, ValueRole, MinRole, MaxRole, GapRole };
    Q_ENUM(Role)

    explicit HistoryModel(ReadingHistory *history, QObject *parent = nullptr);
    ~HistoryModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString source() const { return m_source; }
    void setSource(const QString &source);
    QString node() const { return m_node; }
    void setNode(const QString &node);
    int hours() const { return m_hours; }
    /*! 1 or 24; other values are clamped to that range. */
    void setHours(int hours);

    /*! The number of values in the window (not of chart points). */
    int count() const { return m_count; }
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }
    double average() const { return m_avg; }
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    QVariantList series() const;
    QVariantList errors() const;

    /*! Reads the window again (the timer calls it every 5 s). */
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void sourceChanged();
    void hoursChanged();
    void refreshed();

private:
    struct Point
    {
        qint64 t;
        double v;
        double min;
        double max;
        bool gap;
    };

    void markGaps();

    ReadingHistory *m_history;
    QString m_source;
    QString m_node;
    int m_hours = 1;
    QVector<Point> m_points;
    QVector<qint64> m_errors;
    int m_count = 0;
    double m_min = 0;
    double m_max = 0;
    double m_avg = 0;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QTimer m_timer;
};

} // namespace Smollama
