"""What a user does with one photo outside PhotoClip: open it, show it in its folder, copy its path."""
from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def open_file(path: str) -> bool:
    """Open in the user's default viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def show_in_folder(path: str) -> None:
    """The file manager with the photo selected where it can (freedesktop FileManager1), else its folder."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage
    except ImportError:  # pragma: no cover - QtDBus ships with PySide6 on Linux
        QDBusConnection = None
    if QDBusConnection is not None:
        bus = QDBusConnection.sessionBus()
        service = "org.freedesktop.FileManager1"
        names = bus.interface() if bus.isConnected() else None
        if names is not None and (names.isServiceRegistered(service).value()
                                  or service in (names.activatableServiceNames().value() or [])):
            message = QDBusMessage.createMethodCall(
                service, "/org/freedesktop/FileManager1",
                "org.freedesktop.FileManager1", "ShowItems")
            message.setArguments([[QUrl.fromLocalFile(path).toString()], ""])
            if bus.send(message):  # asynchronous: the GUI never waits on another program
                return
    QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))


def copy_paths(paths: list[str]) -> None:
    QGuiApplication.clipboard().setText("\n".join(paths))
