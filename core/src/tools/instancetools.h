// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Smollama::Internal {

/*!
    What the agent sees of a tool that several instances of one plugin offer ("gpio_write" of
    the instances roof and garden): one tool whose arguments add `instance`, an enum of the
    instance names, so the model picks the instance instead of choosing between
    roof_gpio_write and garden_gpio_write.
*/
namespace InstanceTools {

/*! One instance's declaration of the tool. */
struct Variant
{
    QString instance;
    QString description;
    QJsonObject parameters;
};

/*! The argument that picks the instance. */
inline QString argumentName()
{
    return QStringLiteral("instance");
}

/*! The parameters of the one tool: the instances' properties together (enums of the same
    property joined, so the model sees every name), required what every instance requires, and
    `instance` (a string enum of the instance names, required). Each call is still checked
    against the chosen instance's own schema. */
QJsonObject mergedParameters(const QString &plugin, const QList<Variant> &variants);

/*! The description of the one tool: the instances' description when they agree, else each
    instance's in turn; both say to set `instance`. */
QString mergedDescription(const QString &plugin, const QList<Variant> &variants);

} // namespace InstanceTools

} // namespace Smollama::Internal
