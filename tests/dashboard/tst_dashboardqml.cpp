// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Quick Test runner for the dashboard's components (tst_*.qml in this folder).
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Smollama_DashboardPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // The module is linked in statically; its qmldir lives in the resources.
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_dashboardqml, Setup)

#include "tst_dashboardqml.moc"
