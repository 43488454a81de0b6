// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conversationmodel.h"
#include "dashboardsources.h"
#include "fleetmodel.h"
#include "historymodel.h"
#include "outputsmodel.h"
#include "pluginsmodel.h"
#include "readingsmodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

/*!
    What the dashboard's QML sees of a running NodeRuntime: the models, the node's name, safe
    mode and the theme. Create it after NodeRuntime::start() (the tools and the agent exist
    from then on) and give it to Main.qml as its `dashboard` property.
*/
class Dashboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application creates the dashboard")
    Q_PROPERTY(Smollama::ReadingsModel *readings READ readings CONSTANT)
    Q_PROPERTY(Smollama::HistoryModel *history READ history CONSTANT)
    Q_PROPERTY(Smollama::PluginsModel *plugins READ plugins CONSTANT)
    Q_PROPERTY(Smollama::ConversationModel *conversation READ conversation CONSTANT)
    Q_PROPERTY(Smollama::OutputsModel *outputs READ outputs CONSTANT)
    Q_PROPERTY(Smollama::FleetModel *fleet READ fleet CONSTANT)
    Q_PROPERTY(QString nodeName READ nodeName NOTIFY nodeChanged)
    /*! The address of the node followed over its HTTP API (--connect); empty for this node. */
    Q_PROPERTY(QString remoteUrl READ remoteUrl CONSTANT)
    /*! Why that node is offline ("connection refused"); empty while it answers. */
    Q_PROPERTY(QString offlineReason READ offlineReason NOTIFY nodeChanged)
    Q_PROPERTY(QString safeModeReason READ safeModeReason CONSTANT)
    Q_PROPERTY(bool dark READ isDark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(bool kiosk READ isKiosk CONSTANT)
    Q_PROPERTY(bool virtualKeyboard READ hasVirtualKeyboard CONSTANT)

public:
    /*! Models over \a sources (not owned; they must outlive the dashboard). */
    explicit Dashboard(const DashboardSources &sources, QObject *parent = nullptr);
    ~Dashboard() override;

    ReadingsModel *readings() const { return m_readings; }
    HistoryModel *history() const { return m_history; }
    PluginsModel *plugins() const { return m_plugins; }
    ConversationModel *conversation() const { return m_conversation; }
    OutputsModel *outputs() const { return m_outputs; }
    FleetModel *fleet() const { return m_fleet; }

    QString nodeName() const { return m_nodeName; }
    QString remoteUrl() const;
    QString offlineReason() const { return m_offlineReason; }
    QString safeModeReason() const { return m_safeModeReason; }
    /*! Every node followed over its API has answered, or is known to be offline. */
    bool remotesAnswered() const;

    bool isDark() const { return m_dark; }
    void setDark(bool dark);
    bool isKiosk() const { return m_kiosk; }
    void setKiosk(bool kiosk) { m_kiosk = kiosk; }
    bool hasVirtualKeyboard() const { return m_virtualKeyboard; }
    void setVirtualKeyboard(bool on) { m_virtualKeyboard = on; }

Q_SIGNALS:
    void darkChanged();
    void nodeChanged();

private:
    ReadingsModel *m_readings;
    HistoryModel *m_history;
    PluginsModel *m_plugins;
    ConversationModel *m_conversation;
    OutputsModel *m_outputs;
    FleetModel *m_fleet;
    void followRemote();
    void followRemoteNodes();

    RemoteNode *m_remote = nullptr;
    QList<RemoteNode *> m_peers;
    QString m_nodeName;
    QString m_offlineReason;
    QString m_safeModeReason;
    bool m_dark = true;
    bool m_kiosk = false;
    bool m_virtualKeyboard = false;
};

} // namespace Smollama
