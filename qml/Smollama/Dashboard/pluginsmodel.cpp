// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginsmodel.h"

#include "plugins/pluginmanager.h"
#include "remote/remotenode.h"

namespace Smollama {

PluginsModel::PluginsModel(std::function<QList<PluginStatus>()> read, QObject *parent)
    : QAbstractListModel(parent)
    , m_read(std::move(read))
{
    m_rows = m_read();
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(200);
    connect(&m_refreshTimer, &QTimer::timeout, this, &PluginsModel::refresh);
}

PluginsModel::PluginsModel(PluginManager *plugins, QObject *parent)
    : PluginsModel([plugins] { return plugins->statuses(); }, parent)
{
    // Emitted in plugin threads too; the context object makes it queued.
    connect(plugins, &PluginManager::statusChanged, this, &PluginsModel::scheduleRefresh);
}

PluginsModel::PluginsModel(RemoteNode *remote, QObject *parent)
    : PluginsModel([remote] { return remote->pluginStatuses(); }, parent)
{
    connect(remote, &RemoteNode::pluginStatusesChanged, this, &PluginsModel::scheduleRefresh);
}

void PluginsModel::scheduleRefresh()
{
    if (!m_refreshTimer.isActive()) {
        m_refreshTimer.start();
    }
}

PluginsModel::~PluginsModel() = default;

int PluginsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> PluginsModel::roleNames() const
{
    return {
        {NameRole, "name"},         {InstanceRole, "instance"},   {TitleRole, "title"},
        {VersionRole, "version"},   {AuthorRole, "author"},       {DescriptionRole, "description"},
        {StateRole, "state"},       {StateTextRole, "stateText"}, {ReasonRole, "reason"},
        {SeverityRole, "severity"}, {BuiltinRole, "builtin"}};
}

QVariant PluginsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const PluginStatus &s = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return s.name;
    case InstanceRole:
        return s.instance;
    case Qt::DisplayRole:
    case TitleRole:
        return s.instance.isEmpty() || s.instance == s.name
                   ? s.name
                   : QStringLiteral("%1 (%2)").arg(s.instance, s.name);
    case VersionRole:
        return s.version;
    case AuthorRole:
        return s.author;
    case DescriptionRole:
        return s.description;
    case StateRole:
        return PluginStatus::stateName(s.state);
    case StateTextRole:
        return stateText(s.state);
    case ReasonRole:
        return s.reason;
    case SeverityRole:
        return severity(s.state);
    case BuiltinRole:
        return s.builtin;
    default:
        return {};
    }
}

int PluginsModel::problems() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const PluginStatus &s) {
        return PluginStatus::isProblem(s.state);
    }));
}

QString PluginsModel::stateText(PluginState state)
{
    switch (state) {
    case PluginState::Loaded:
        return tr("loaded");
    case PluginState::Degraded:
        return tr("degraded");
    case PluginState::Stuck:
        return tr("stuck");
    case PluginState::Retrying:
        return tr("retrying");
    case PluginState::Restarting:
        return tr("restarting");
    case PluginState::Enabled:
        return tr("enabled");
    case PluginState::Disabled:
        return tr("disabled");
    case PluginState::MissingDependencies:
        return tr("missing dependencies");
    case PluginState::InvalidConfig:
        return tr("invalid configuration");
    case PluginState::Incompatible:
        return tr("incompatible");
    case PluginState::Failed:
        return tr("failed");
    case PluginState::Conflict:
        return tr("conflict");
    }
    return PluginStatus::stateName(state);
}

QString PluginsModel::severity(PluginState state)
{
    switch (state) {
    case PluginState::Loaded:
    case PluginState::Enabled:
        return QStringLiteral("ok");
    case PluginState::Degraded:
    case PluginState::Stuck:
        return QStringLiteral("warning");
    case PluginState::Disabled:
        return QStringLiteral("off");
    default:
        return QStringLiteral("error");
    }
}

void PluginsModel::refresh()
{
    const QList<PluginStatus> fresh = m_read();
    const int problemsBefore = problems();
    bool sameRows = fresh.size() == m_rows.size();
    for (int i = 0; sameRows && i < fresh.size(); ++i) {
        sameRows =
            fresh.at(i).name == m_rows.at(i).name && fresh.at(i).instance == m_rows.at(i).instance;
    }
    if (sameRows) {
        // Keeps the list's scroll position: only the changed rows are announced.
        for (int i = 0; i < fresh.size(); ++i) {
            if (fresh.at(i).state != m_rows.at(i).state ||
                fresh.at(i).reason != m_rows.at(i).reason) {
                m_rows[i] = fresh.at(i);
                Q_EMIT dataChanged(index(i), index(i));
            }
        }
    } else {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
        Q_EMIT countChanged();
    }
    if (problems() != problemsBefore) {
        Q_EMIT problemsChanged();
    }
}

} // namespace Smollama
