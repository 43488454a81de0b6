// SPDX-License-Identifier: GPL-3.0-or-later
#include "historymodel.h"

#include "history/readinghistory.h"

#include <QDateTime>

#include <algorithm>

namespace Smollama {

namespace {
constexpr int s_chartPoints = 240;
} // namespace

HistoryModel::HistoryModel(ReadingHistory *history, QObject *parent)
    : QAbstractListModel(parent)
    , m_history(history)
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &HistoryModel::refresh);
}

HistoryModel::~HistoryModel() = default;

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{TimestampRole, "timestamp"},
            {ValueRole, "value"},
            {MinRole, "min"},
            {MaxRole, "max"},
            {GapRole, "gap"}};
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Point &p = m_points.at(index.row());
    switch (role) {
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(p.t, Qt::UTC);
    case Qt::DisplayRole:
    case ValueRole:
        return p.v;
    case MinRole:
        return p.min;
    case MaxRole:
        return p.max;
    case GapRole:
        return p.gap;
    default:
        return {};
    }
}

void HistoryModel::setSource(const QString &source)
{
    if (source == m_source) {
        return;
    }
    m_source = source;
    Q_EMIT sourceChanged();
    refresh();
}

void HistoryModel::setNode(const QString &node)
{
    if (node == m_node) {
        return;
    }
    m_node = node;
    Q_EMIT sourceChanged();
    refresh();
}

void HistoryModel::setHours(int hours)
{
    hours = qBound(1, hours, 24);
    if (hours == m_hours) {
        return;
    }
    m_hours = hours;
    Q_EMIT hoursChanged();
    refresh();
}

QVariantList HistoryModel::series() const
{
    QVariantList out;
    out.reserve(m_points.size());
    for (const Point &p : m_points) {
        out.append(QVariantMap{{QStringLiteral("t"), double(p.t)},
                               {QStringLiteral("v"), p.v},
                               {QStringLiteral("min"), p.min},
                               {QStringLiteral("max"), p.max},
                               {QStringLiteral("gap"), p.gap}});
    }
    return out;
}

QVariantList HistoryModel::errors() const
{
    QVariantList out;
    out.reserve(m_errors.size());
    for (qint64 t : m_errors) {
        out.append(double(t));
    }
    return out;
}

void HistoryModel::markGaps()
{
    // The usual spacing is the median distance between points (the poll interval, or the
    // chart's slice when a slice holds several values); a hole of more than three of them is
    // time without readings.
    if (m_points.size() < 3) {
        return;
    }
    QVector<qint64> steps;
    steps.reserve(m_points.size() - 1);
    for (int i = 1; i < m_points.size(); ++i) {
        steps.append(m_points.at(i).t - m_points.at(i - 1).t);
    }
    std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
    const qint64 usual = std::max<qint64>(1, steps.at(steps.size() / 2));
    for (int i = 1; i < m_points.size(); ++i) {
        m_points[i].gap = m_points.at(i).t - m_points.at(i - 1).t > 3 * usual;
    }
}

void HistoryModel::refresh()
{
    m_toMs = QDateTime::currentMSecsSinceEpoch();
    m_fromMs = m_toMs - qint64(m_hours) * 3600 * 1000;
    beginResetModel();
    m_points.clear();
    if (!m_source.isEmpty()) {
        const QVector<HistoryPoint> points =
            m_history->points(m_node, m_source, m_fromMs, m_toMs, s_chartPoints);
        m_points.reserve(points.size());
        for (const HistoryPoint &p : points) {
            m_points.append({p.timestampMs, p.value, p.min, p.max, false});
        }
        markGaps();
    }
    // The history keeps the times of errors of this node's sources only.
    m_errors = m_source.isEmpty() || !m_node.isEmpty()
                   ? QVector<qint64>()
                   : m_history->errorTimes(m_source, m_fromMs, m_toMs);
    endResetModel();
    const HistorySummary s = m_source.isEmpty()
                                 ? HistorySummary()
                                 : m_history->summary(m_node, m_source, m_fromMs, m_toMs);
    m_count = s.count;
    m_min = s.isEmpty() ? 0 : s.min;
    m_max = s.isEmpty() ? 0 : s.max;
    m_avg = s.isEmpty() ? 0 : s.avg;
    if (m_source.isEmpty()) {
        m_timer.stop();
    } else if (!m_timer.isActive()) {
        m_timer.start();
    }
    Q_EMIT refreshed();
}

} // namespace Smollama
