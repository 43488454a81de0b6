// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboardinterface.h"

#include <QObject>

namespace Smollama::Gui {

/*!
    The root object of libsmollama-gui.so: what smollama's QPluginLoader instantiates to create
    the application object and show the window (dashboardwindow.cpp).
*/
class DashboardPlugin : public QObject, public DashboardInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SMOLLAMA_DASHBOARD_IID)
    Q_INTERFACES(Smollama::Gui::DashboardInterface)

public:
    QCoreApplication *createApplication(int *argc, char **argv) override;
    QObject *start(const DashboardSources &sources, const GuiOptions &options,
                   QString *error) override;
};

} // namespace Smollama::Gui
