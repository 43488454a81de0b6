<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<TS version="2.1" language="de">
<context>
    <name>Smollama::I2cTemp::I2cTempPlugin</name>
    <message>
        <source>no I2C bus %1: enable I2C with raspi-config (Interface Options → I2C) or set simulate: true</source>
        <translation>kein I2C-Bus %1: I2C mit raspi-config einschalten (Interface Options → I2C) oder simulate: true setzen</translation>
    </message>
    <message>
        <source>%1 is not readable and writable by this user: add it to the i2c group (sudo usermod -aG i2c $USER) and log in again</source>
        <translation>%1 ist für diesen Benutzer nicht les- und schreibbar: ihn zur Gruppe i2c hinzufügen (sudo usermod -aG i2c $USER) und neu anmelden</translation>
    </message>
</context>
</TS>
