// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/pluginstatus.h"

#include <QAbstractListModel>
#include <QList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace Smollama {

class PluginManager;
class RemoteNode;

/*!
    Every plugin instance (and every plugin without one) with its state, the reason, version and
    author. The severity role maps the state to the colour the page shows: "ok" (loaded),
    "warning" (degraded, stuck), "error" (needs attention) or "off" (disabled).
    Status changes from any plugin thread are merged and applied together.
*/
class PluginsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the plugins model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int problems READ problems NOTIFY problemsChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        InstanceRole,
        TitleRole,
        VersionRole,
        AuthorRole,
        DescriptionRole,
        StateRole,
        StateTextRole,
        ReasonRole,
        SeverityRole,
        BuiltinRole,
    };
    Q_ENUM(Role)

    /*! The plugins of this process's node. */
    explicit PluginsModel(PluginManager *plugins, QObject *parent = nullptr);
    /*! The plugins of a node followed over its HTTP API. */
    explicit PluginsModel(RemoteNode *remote, QObject *parent = nullptr);
    ~PluginsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    /*! How many plugins need attention. */
    int problems() const;

    /*! The translated name of \a state. */
    static QString stateText(PluginState state);
    /*! "ok", "warning", "error" or "off". */
    static QString severity(PluginState state);

    /*! Reads every status again. */
    void refresh();

Q_SIGNALS:
    void countChanged();
    void problemsChanged();

private:
    PluginsModel(std::function<QList<PluginStatus>()> read, QObject *parent);
    void scheduleRefresh();

    std::function<QList<PluginStatus>()> m_read;
    QList<PluginStatus> m_rows;
    QTimer m_refreshTimer;
};

} // namespace Smollama
