// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test runner for the dashboard's components (tst_*.qml in this folder).
#include "outputsmodel.h"
#include "plugins/pluginmanager.h"
#include "readings/readingbus.h"
#include "readings/readingmanager.h"
#include "tools/toolregistry.h"

#include <QJsonArray>
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(Smollama_DashboardPlugin)

/*! A tool plugin's switch as the Outputs page sees it: a relay tool following the outputs
    convention, and the calls it got (tst_outputspage.qml). */
class RelayBoard : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QStringList calls READ calls NOTIFY called)

public:
    RelayBoard()
    {
        using Smollama::ToolRegistry;
        ToolRegistry::ToolSpec spec;
        spec.name = QStringLiteral("relay_write");
        spec.owner = QStringLiteral("relays");
        const auto stringEnum = [](const QStringList &values) {
            return QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                               {QStringLiteral("enum"), QJsonArray::fromStringList(values)}};
        };
        spec.parameters = {
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("name"), stringEnum({QStringLiteral("pump")})},
                         {QStringLiteral("state"),
                          stringEnum({QStringLiteral("on"), QStringLiteral("off")})}}}};
        spec.handler = [this](const QJsonObject &args) {
            const QString call = args.value(QStringLiteral("name")).toString() + QLatin1Char(' ') +
                                 args.value(QStringLiteral("state")).toString();
            QMetaObject::invokeMethod(this, [this, call] {
                m_calls.append(call);
                Q_EMIT called();
            });
            return Smollama::ToolResult::ok(args);
        };
        m_tools.registerTool(spec);
        m_outputs = std::make_unique<Smollama::OutputsModel>(&m_tools, &m_manager, &m_bus);
    }

    QStringList calls() const { return m_calls; }
    Smollama::OutputsModel *outputs() const { return m_outputs.get(); }

Q_SIGNALS:
    void called();

private:
    Smollama::PluginManager m_plugins;
    Smollama::ReadingBus m_bus;
    Smollama::ReadingManager m_manager{&m_plugins, &m_bus};
    Smollama::ToolRegistry m_tools;
    std::unique_ptr<Smollama::OutputsModel> m_outputs;
    QStringList m_calls;
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // The module is linked in statically; its qmldir lives in the resources.
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        auto *relays = new RelayBoard;
        relays->setParent(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("relayBoard"), relays);
        engine->rootContext()->setContextProperty(QStringLiteral("relayOutputs"),
                                                  relays->outputs());
    }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_dashboardqml, Setup)

#include "tst_dashboardqml.moc"
