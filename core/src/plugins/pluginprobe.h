// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QString>

namespace Smollama {

/*!
    The trial load of PluginInstaller's probe step, run in a child process
    (`smollama-cli plugin probe LIBRARY`): loads a library in this process, creates an instance
    with its factory and checks that it implements what its manifest declares. A plugin that
    crashes here takes only the child down.
*/
class SMOLLAMA_EXPORT PluginProbe
{
public:
    /*! {"library", "name", "ok", "error" (when not ok), "interfaces": [...]}. */
    static QJsonObject run(const QString &library);
};

} // namespace Smollama
