// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputsmodel.h"

#include "localoutputsource.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "remote/remotenode.h"
#include "remoteoutputsource.h"

#include <QJsonArray>
#include <QPointer>

namespace Smollama {

namespace {

QStringList enumOf(const QJsonObject &properties, const QString &key)
{
    const QJsonObject property = properties.value(key).toObject();
    if (property.value(QStringLiteral("type")).toString() != QLatin1String("string")) {
        return {};
    }
    QStringList out;
    for (const QJsonValue &v : property.value(QStringLiteral("enum")).toArray()) {
        if (v.isString()) {
            out.append(v.toString());
        }
    }
    return out;
}

} // namespace

QStringList OutputsModel::switchedOutputs(const QJsonObject &parameters)
{
    const QJsonObject properties = parameters.value(QStringLiteral("properties")).toObject();
    const QStringList states = enumOf(properties, QStringLiteral("state"));
    if (!states.contains(QLatin1String("on")) || !states.contains(QLatin1String("off"))) {
        return {};
    }
    return enumOf(properties, QStringLiteral("name"));
}

OutputsModel::OutputsModel(std::unique_ptr<OutputSource> source, ReadingManager *readings,
                           ReadingBus *bus, QObject *parent)
    : QAbstractListModel(parent)
    , m_source(std::move(source))
    , m_readings(readings)
{
    fill();
    if (bus) {
        bus->subscribe(this, [this](const QList<Reading> &batch) { onBatch(batch); });
    }
    connect(m_source.get(), &OutputSource::outputsChanged, this, &OutputsModel::rebuild);
    connect(m_source.get(), &OutputSource::blockedReasonChanged, this,
            &OutputsModel::blockedChanged);
}

OutputsModel::OutputsModel(ToolRegistry *tools, ReadingManager *readings, ReadingBus *bus,
                           QObject *parent)
    : OutputsModel(std::make_unique<LocalOutputSource>(tools), readings, tools ? bus : nullptr,
                   parent)
{
}

OutputsModel::OutputsModel(RemoteNode *remote, QObject *parent)
    : OutputsModel(std::make_unique<RemoteOutputSource>(remote), remote->services().readings,
                   remote->services().bus, parent)
{
}

QString OutputsModel::blockedReason() const
{
    return m_source->blockedReason();
}

bool OutputsModel::isReady() const
{
    return m_source->isReady();
}

void OutputsModel::blockedChanged()
{
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {SwitchableRole});
    }
    Q_EMIT blockedReasonChanged();
}

void OutputsModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    fill();
    endResetModel();
    Q_EMIT countChanged();
}

void OutputsModel::fill()
{
    const QList<SourceDescription> sources =
        m_readings ? m_readings->sources() : QList<SourceDescription>();
    for (const OutputSource::Output &output : m_source->outputs()) {
        Row row;
        row.tool = output.tool;
        row.instance = output.instance;
        row.name = output.name;
        row.source = output.owner + QLatin1Char(':') + output.name;
        row.label = output.name;
        for (const SourceDescription &d : sources) {
            if (d.source == row.source && !d.info.label.isEmpty()) {
                row.label = d.info.label;
            }
        }
        m_rows.append(row);
        if (m_readings) {
            apply(int(m_rows.size()) - 1, m_readings->latest(row.source));
        }
    }
}

OutputsModel::~OutputsModel() = default;

int OutputsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> OutputsModel::roleNames() const
{
    return {{ToolRole, "tool"},   {NameRole, "name"},   {SourceRole, "source"},
            {LabelRole, "label"}, {OnRole, "on"},       {KnownRole, "known"},
            {BusyRole, "busy"},   {ErrorRole, "error"}, {SwitchableRole, "switchable"}};
}

QVariant OutputsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case ToolRole:
        return r.tool;
    case NameRole:
        return r.name;
    case SourceRole:
        return r.source;
    case Qt::DisplayRole:
    case LabelRole:
        return r.label;
    case OnRole:
        return r.on;
    case KnownRole:
        return r.known;
    case BusyRole:
        return r.busy;
    case ErrorRole:
        return r.error;
    case SwitchableRole:
        return !r.busy && m_source->blockedReason().isEmpty();
    default:
        return {};
    }
}

void OutputsModel::apply(int row, const Reading &reading)
{
    Row &r = m_rows[row];
    if (!reading.isValid()) {
        return;
    }
    if (reading.quality() == Reading::Quality::Error) {
        r.error = reading.message();
    } else {
        r.on = reading.value().toBool();
        r.known = true;
        if (!r.busy) {
            r.error.clear();
        }
    }
}

void OutputsModel::onBatch(const QList<Reading> &batch)
{
    QList<int> changed;
    for (const Reading &reading : batch) {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).source == reading.source()) {
                apply(i, reading);
                if (!changed.contains(i)) {
                    changed.append(i);
                }
            }
        }
    }
    for (int i : std::as_const(changed)) {
        Q_EMIT dataChanged(index(i), index(i));
    }
}

void OutputsModel::setOn(int row, bool on)
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).busy) {
        return;
    }
    Row &r = m_rows[row];
    const QString blocked = m_source->blockedReason();
    if (!blocked.isEmpty()) {
        // Refused here, and said on the row: the toggle goes back to the output's state.
        r.error = blocked;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    r.busy = true;
    r.error.clear();
    Q_EMIT dataChanged(index(row), index(row));
    const QString source = r.source;
    QJsonObject arguments{
        {QStringLiteral("name"), r.name},
        {QStringLiteral("state"), on ? QStringLiteral("on") : QStringLiteral("off")}};
    if (!r.instance.isEmpty()) {
        arguments.insert(QStringLiteral("instance"), r.instance);
    }
    // The tool runs on its plugin's thread; the answer comes back here, the UI never waits.
    m_source->call(r.tool, arguments, this, [this, source, on](const ToolResult &result) {
        for (int i = 0; i < m_rows.size(); ++i) {
            Row &row = m_rows[i];
            if (row.source != source) {
                continue;
            }
            row.busy = false;
            if (result.isOk()) {
                row.on = on;
                row.known = true;
            } else {
                row.error = result.message();
            }
            Q_EMIT dataChanged(index(i), index(i));
        }
    });
}

} // namespace Smollama
