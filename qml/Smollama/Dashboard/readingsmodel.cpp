// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingsmodel.h"

#include "fleet/nodedirectory.h"
#include "history/readinghistory.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "util/valueformatter.h"
#include "valueformat.h"

#include <QDateTime>

#include <algorithm>

namespace Smollama {

namespace {
constexpr qint64 s_sparklineSpanMs = 60 * 60 * 1000;
constexpr int s_sparklinePoints = 60;
} // namespace

ReadingsModel::ReadingsModel(ReadingManager *manager, ReadingHistory *history, ReadingBus *bus,
                             QObject *parent)
    : QAbstractListModel(parent)
    , m_manager(manager)
    , m_history(history)
{
    // Sources the plugins declared are shown before their first value arrives.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    readDeclared();
    const QString local = m_manager->localNode();
    for (const SourceDescription &d : m_manager->sources()) {
        const int row = insertRow(local, d.source);
        m_rows[row].reading = m_manager->latest(d.source);
        refreshSparkline(m_rows[row], now);
    }
    // Every node's sources (other nodes' ones may have the same ids as this node's).
    for (const Reading &r : m_manager->latest()) {
        const int row = insertRow(nodeOf(r), r.source());
        m_rows[row].reading = shown(nodeOf(r), r);
        refreshSparkline(m_rows[row], now);
    }
    refreshOnline();

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(150);
    connect(&m_flushTimer, &QTimer::timeout, this, &ReadingsModel::flush);
    m_staleTimer.setInterval(2000);
    connect(&m_staleTimer, &QTimer::timeout, this, &ReadingsModel::checkStale);
    m_staleTimer.start();

    bus->subscribe(this, [this](const QList<Reading> &batch) { onBatch(batch); });
}

ReadingsModel::~ReadingsModel() = default;

void ReadingsModel::setNodeDirectory(NodeDirectory *nodes)
{
    if (m_nodes) {
        disconnect(m_nodes, nullptr, this, nullptr);
    }
    m_nodes = nodes;
    if (m_nodes) {
        // Emitted in the thread that noted the change (a bridge's): queued to this one.
        connect(m_nodes, &NodeDirectory::nodeChanged, this, &ReadingsModel::checkStale,
                Qt::QueuedConnection);
    }
    refreshOnline();
}

void ReadingsModel::setNodeStates(const QHash<QString, bool> &online)
{
    m_stated = online;
    checkStale();
}

bool ReadingsModel::isNodeOnline(const QString &node) const
{
    if (node == m_manager->localNode()) {
        return true;
    }
    return m_nodes ? m_nodes->isOnline(node) : m_stated.value(node, true);
}

Reading ReadingsModel::shown(const QString &node, const Reading &reading) const
{
    // An offline node's last values are never shown as live ones.
    if (!reading.isValid() || reading.quality() != Reading::Quality::Ok || isNodeOnline(node)) {
        return reading;
    }
    Reading stale = reading;
    stale.setQuality(Reading::Quality::Stale);
    stale.setMessage(tr("node %1 is offline").arg(node));
    return stale;
}

QString ReadingsModel::localNode() const
{
    return m_manager->localNode();
}

QString ReadingsModel::nodeOf(const Reading &reading) const
{
    return reading.node().isEmpty() ? m_manager->localNode() : reading.node();
}

bool ReadingsModel::before(const QString &nodeA, const QString &sourceA, const QString &nodeB,
                           const QString &sourceB) const
{
    if (nodeA != nodeB) {
        const QString local = m_manager->localNode();
        if ((nodeA == local) != (nodeB == local)) {
            return nodeA == local;
        }
        return nodeA < nodeB;
    }
    return sourceA < sourceB;
}

void ReadingsModel::refreshOnline()
{
    QVariantMap online;
    for (const QString &node : nodes()) {
        online.insert(node, isNodeOnline(node));
    }
    if (online != m_online) {
        m_online = online;
        Q_EMIT nodesOnlineChanged();
    }
}

void ReadingsModel::setCoalesceInterval(int ms)
{
    m_flushTimer.setInterval(ms);
}

int ReadingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> ReadingsModel::roleNames() const
{
    return {{SourceRole, "source"},
            {NodeRole, "node"},
            {InstanceRole, "instance"},
            {LabelRole, "label"},
            {DescriptionRole, "description"},
            {ValueTextRole, "valueText"},
            {ValueUnitRole, "valueUnit"},
            {ValueRole, "value"},
            {UnitRole, "unit"},
            {QualityRole, "quality"},
            {MessageRole, "message"},
            {SparklineRole, "sparkline"},
            {TimestampRole, "timestamp"}};
}

QVariant ReadingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SourceRole:
        return row.source;
    case NodeRole:
        return row.node;
    case InstanceRole:
        return row.instance;
    case LabelRole:
        return row.label;
    case DescriptionRole:
        return row.description;
    case ValueTextRole:
        // An error reading has no value; a stale one still shows its last value.
        return ValueFormatter().format(row.reading.value(), unitOf(row)).number;
    case ValueUnitRole:
        return ValueFormatter().format(row.reading.value(), unitOf(row)).unit;
    case ValueRole:
        return row.reading.value();
    case UnitRole:
        return unitOf(row);
    case QualityRole:
        return Internal::qualityKey(row.reading);
    case MessageRole:
        return row.reading.message();
    case SparklineRole:
        return row.sparkline;
    case TimestampRole:
        return row.reading.timestamp();
    default:
        return {};
    }
}

QString ReadingsModel::unitOf(const Row &row)
{
    return row.reading.unit().isEmpty() ? row.unit : row.reading.unit();
}

QStringList ReadingsModel::instances() const
{
    QStringList out;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == 0 || m_rows.at(i - 1).instance != m_rows.at(i).instance ||
            m_rows.at(i - 1).node != m_rows.at(i).node) {
            out.append(m_rows.at(i).instance);
        }
    }
    return out;
}

QStringList ReadingsModel::groupNodes() const
{
    QStringList out;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == 0 || m_rows.at(i - 1).instance != m_rows.at(i).instance ||
            m_rows.at(i - 1).node != m_rows.at(i).node) {
            out.append(m_rows.at(i).node);
        }
    }
    return out;
}

QStringList ReadingsModel::nodes() const
{
    QStringList out;
    for (const Row &row : m_rows) {
        if (out.isEmpty() || out.constLast() != row.node) {
            out.append(row.node);
        }
    }
    return out;
}

QVariantList ReadingsModel::instanceSizes() const
{
    QVariantList out;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == 0 || m_rows.at(i - 1).instance != m_rows.at(i).instance ||
            m_rows.at(i - 1).node != m_rows.at(i).node) {
            out.append(0);
        }
        out.last() = out.last().toInt() + 1;
    }
    return out;
}

int ReadingsModel::indexOf(const QString &source) const
{
    return indexOfNode(QString(), source);
}

int ReadingsModel::indexOfNode(const QString &node, const QString &source) const
{
    const QString n = node.isEmpty() ? m_manager->localNode() : node;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).node == n && m_rows.at(i).source == source) {
            return i;
        }
    }
    return -1;
}

QVariantMap ReadingsModel::get(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= m_rows.size()) {
        return out;
    }
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    }
    return out;
}

int ReadingsModel::insertRow(const QString &node, const QString &source)
{
    const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), source,
                                      [this, &node](const Row &r, const QString &s) {
                                          return before(r.node, r.source, node, s);
                                      });
    const int at = int(pos - m_rows.begin());
    if (pos != m_rows.end() && pos->node == node && pos->source == source) {
        return at;
    }
    const bool local = node == m_manager->localNode();
    Row row;
    row.node = node;
    row.source = source;
    const int colon = source.indexOf(QLatin1Char(':'));
    row.instance = colon > 0 ? source.left(colon) : source;
    row.label = colon > 0 ? source.mid(colon + 1) : source;
    // Only this node's plugins declare sources here.
    if (local && !m_declared.contains(source)) {
        readDeclared(); // an instance may have declared it since
    }
    if (const auto it = m_declared.constFind(source); local && it != m_declared.constEnd()) {
        if (!it->label.isEmpty()) {
            row.label = it->label;
        }
        row.description = it->description;
        row.unit = it->unit;
    }
    const QStringList groupsBefore = instances();
    const QStringList nodesBefore = groupNodes();
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, row);
    endInsertRows();
    Q_EMIT countChanged();
    if (instances() != groupsBefore || groupNodes() != nodesBefore) {
        Q_EMIT instancesChanged();
        refreshOnline();
    }
    return at;
}

void ReadingsModel::readDeclared()
{
    m_declared.clear();
    for (const SourceDescription &d : m_manager->sources()) {
        m_declared.insert(d.source, d.info);
    }
}

void ReadingsModel::refreshSparkline(Row &row, qint64 nowMs) const
{
    const QVector<HistoryPoint> points = m_history->points(
        row.node, row.source, nowMs - s_sparklineSpanMs, nowMs, s_sparklinePoints);
    QVariantList values;
    values.reserve(points.size());
    for (const HistoryPoint &p : points) {
        values.append(p.value);
    }
    row.sparkline = values;
}

void ReadingsModel::onBatch(const QList<Reading> &batch)
{
    // Only the newest reading of each source matters for the tiles; the history (and so the
    // sparkline) already has every value.
    for (const Reading &r : batch) {
        m_pending.insert({nodeOf(r), r.source()}, r);
    }
    if (!m_pending.isEmpty() && !m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void ReadingsModel::flush()
{
    if (m_pending.isEmpty()) {
        return;
    }
    const QHash<QPair<QString, QString>, Reading> pending = std::exchange(m_pending, {});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString local = m_manager->localNode();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const int row = insertRow(it.key().first, it.key().second);
        Row &r = m_rows[row];
        r.reading = it.value();
        if (r.node != local && !isNodeOnline(r.node)) {
            // The manager says why (its offline reason); shown() marks it in any case.
            const Reading marked = m_manager->latest(r.node, r.source);
            r.reading = shown(r.node, marked.isValid() ? marked : r.reading);
        }
        refreshSparkline(r, now);
        const QModelIndex i = index(row);
        Q_EMIT dataChanged(i, i,
                           {ValueTextRole, ValueUnitRole, ValueRole, UnitRole, QualityRole,
                            MessageRole, SparklineRole, TimestampRole});
        ++m_updatesSent;
    }
}

void ReadingsModel::checkStale()
{
    refreshOnline();
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (!r.reading.isValid() || m_pending.contains({r.node, r.source})) {
            continue;
        }
        const Reading current = shown(r.node, m_manager->latest(r.node, r.source));
        // A new quality, or a new text for it ("no new value for 31 s" grows as time passes).
        if (current.isValid() && (current.quality() != r.reading.quality() ||
                                  current.message() != r.reading.message())) {
            r.reading = current;
            const QModelIndex idx = index(i);
            Q_EMIT dataChanged(idx, idx, {QualityRole, MessageRole, ValueTextRole, ValueUnitRole});
            ++m_updatesSent;
        }
    }
}

} // namespace Smollama
