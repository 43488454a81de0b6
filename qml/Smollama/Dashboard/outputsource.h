// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/toolresult.h>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace Smollama {

/*!
    Where the outputs model finds the switchable outputs and switches them: this process's
    tools (LocalOutputSource) or those of a node followed over its HTTP API
    (RemoteOutputSource). Their current states are readings either way.
*/
class OutputSource : public QObject
{
    Q_OBJECT

public:
    struct Output
    {
        QString tool;
        QString owner;    //!< the plugin instance whose output it is (its reading's prefix)
        QString instance; //!< the call's `instance` argument: set when several instances offer it
        QString name;
    };

    using QObject::QObject;

    /*! The outputs, in the tools' order. */
    virtual QList<Output> outputs() const = 0;
    /*! Why the outputs cannot be switched now (translated, saying what to do), else empty. */
    virtual QString blockedReason() const { return {}; }
    /*! Whether outputs() is what the source knows (a remote node's tools have been read, or
        it did not answer). */
    virtual bool isReady() const { return true; }
    /*! Calls \a tool with \a arguments; \a done gets the result in this thread, unless
        \a context is gone. Returns at once. */
    virtual void call(const QString &tool, const QJsonObject &arguments, QObject *context,
                      std::function<void(const ToolResult &)> done) = 0;

Q_SIGNALS:
    void outputsChanged();
    void blockedReasonChanged();
};

} // namespace Smollama
