// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "outputsource.h"

namespace Smollama {

class ToolRegistry;

/*! The outputs of this process's tools; the tools run on their plugins' threads. */
class LocalOutputSource : public OutputSource
{
    Q_OBJECT

public:
    /*! \a tools is not owned; none: no outputs. */
    explicit LocalOutputSource(ToolRegistry *tools, QObject *parent = nullptr);

    QList<Output> outputs() const override;
    void call(const QString &tool, const QJsonObject &arguments, QObject *context,
              std::function<void(const ToolResult &)> done) override;

private:
    ToolRegistry *m_tools;
};

} // namespace Smollama
