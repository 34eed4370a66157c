// Chinese (Pinyin) for the kiosk's on-screen keyboard.
// Qt's own Pinyin keyboard puts the syllable separator (') where other layouts
// have Shift and enables it only while Pinyin is being typed; Qt's style draws
// a disabled key with a near-transparent label, so people saw a blank key.
// Here that key is never disabled and always labelled: while Pinyin is being
// typed it separates syllables (xi'an), otherwise it types the middle dot that
// joins the parts of a transliterated name (买买提·艾力, as on ID cards); its
// label names what it types (隔音 ' / 间隔号 ·): either mark alone is too small
// to read as a key.
// Qt's symbols page for Chinese is used unchanged.

import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

KeyboardLayout {
    function createInputMethod() {
        return Qt.createQmlObject('import QtQuick; import QtQuick.VirtualKeyboard.Plugins; PinyinInputMethod {}', parent, "inputMethod.qml")
    }
    sharedLayouts: ['symbols']
    keyWeight: 160
    readonly property real normalKeyWidth: normalKey.width
    readonly property real functionKeyWidth: mapFromItem(normalKey, normalKey.width / 2, 0).x
    KeyboardRow {
        Key { key: Qt.Key_Q; text: "q" }
        Key { id: normalKey; key: Qt.Key_W; text: "w" }
        Key { key: Qt.Key_E; text: "e" }
        Key { key: Qt.Key_R; text: "r" }
        Key { key: Qt.Key_T; text: "t" }
        Key { key: Qt.Key_Y; text: "y" }
        Key { key: Qt.Key_U; text: "u" }
        Key { key: Qt.Key_I; text: "i" }
        Key { key: Qt.Key_O; text: "o" }
        Key { key: Qt.Key_P; text: "p" }
    }
    KeyboardRow {
        KeyboardRow {
            Layout.preferredWidth: functionKeyWidth
            Layout.fillWidth: false
            FillerKey {}
            Key { key: Qt.Key_A; text: "a"; weight: normalKeyWidth; Layout.fillWidth: false }
        }
        Key { key: Qt.Key_S; text: "s" }
        Key { key: Qt.Key_D; text: "d" }
        Key { key: Qt.Key_F; text: "f" }
        Key { key: Qt.Key_G; text: "g" }
        Key { key: Qt.Key_H; text: "h" }
        Key { key: Qt.Key_J; text: "j" }
        Key { key: Qt.Key_K; text: "k" }
        KeyboardRow {
            Layout.preferredWidth: functionKeyWidth
            Layout.fillWidth: false
            Key { key: Qt.Key_L; text: "l"; weight: normalKeyWidth; Layout.fillWidth: false }
            FillerKey {}
        }
    }
    KeyboardRow {
        Key {
            objectName: "separatorKey"
            readonly property bool spelling: InputContext.preeditText.length > 0
            weight: functionKeyWidth
            Layout.fillWidth: false
            key: spelling ? Qt.Key_Apostrophe : Qt.Key_periodcentered
            text: spelling ? "'" : "\u00B7"
            displayText: spelling ? "\u9694\u97F3 '" : "\u95F4\u9694\u53F7 \u00B7"
        }
        Key { key: Qt.Key_Z; text: "z" }
        Key { key: Qt.Key_X; text: "x" }
        Key { key: Qt.Key_C; text: "c" }
        Key { key: Qt.Key_V; text: "v" }
        Key { key: Qt.Key_B; text: "b" }
        Key { key: Qt.Key_N; text: "n" }
        Key { key: Qt.Key_M; text: "m" }
        BackspaceKey { weight: functionKeyWidth; Layout.fillWidth: false }
    }
    KeyboardRow {
        SymbolModeKey { weight: functionKeyWidth; Layout.fillWidth: false }
        ChangeLanguageKey { weight: normalKeyWidth; Layout.fillWidth: false }
        Key {
            key: Qt.Key_Comma
            weight: normalKeyWidth
            Layout.fillWidth: false
            text: "\uFF0C"
            highlighted: true
        }
        SpaceKey {}
        Key {
            key: Qt.Key_Period
            weight: normalKeyWidth
            Layout.fillWidth: false
            text: "\u3002"
            alternativeKeys: "\u3002\uFF1F\uFF01\uFF1B\u3001\uFF1A"
            smallText: "!?"
            smallTextVisible: true
            highlighted: true
        }
        HideKeyboardKey { weight: normalKeyWidth; Layout.fillWidth: false }
        EnterKey { weight: functionKeyWidth; Layout.fillWidth: false }
    }
}
