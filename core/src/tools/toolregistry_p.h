// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Smollama::Internal {

/*! Carries the end of an asynchronous tool call from the worker thread to the caller's
    context: a queued signal connection is dropped safely when the context is destroyed. */
class ToolCallNotifier : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished();
};

} // namespace Smollama::Internal
