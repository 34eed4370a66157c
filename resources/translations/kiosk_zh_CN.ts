<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssistedConsentScreen</name>
    <message>
        <source>May the clerk help you?</source>
        <translation>可以请工作人员帮您填写吗？</translation>
    </message>
    <message>
        <source>First, choose your language:</source>
        <translation>请先选择您的语言：</translation>
    </message>
    <message>
        <source>{name} (staff number {staff_id}) offers to fill in this application with you. Do you agree?</source>
        <translation>{name}（工号 {staff_id}）可以和您一起填写这份申请。您同意吗？</translation>
    </message>
    <message>
        <source>The application will record that a clerk helped you, and which clerk. You check every answer before it is sent.</source>
        <translation>申请中会记录有工作人员协助填写，以及是哪位工作人员。提交前每一项内容都由您核对。</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>不用了，谢谢</translation>
    </message>
    <message>
        <source>Yes, I agree</source>
        <translation>好的，我同意</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Hold the QR code of your ID inside the frame</source>
        <translation>请将证件上的二维码放在框内</translation>
    </message>
    <message>
        <source>Hold the card closer and keep it still, code inside the frame</source>
        <translation>请把证件拿近一些并保持不动，二维码放在框内</translation>
    </message>
    <message>
        <source>Avoid glare: tilt the card a little away from the light</source>
        <translation>请避免反光：把证件稍微侧向背光的方向</translation>
    </message>
    <message>
        <source>Code read</source>
        <translation>已读取二维码</translation>
    </message>
    <message>
        <source>No camera here: use the hand-held scanner or type the number</source>
        <translation>本机没有摄像头：请使用手持扫码器或输入号码</translation>
    </message>
</context>
<context>
    <name>CapacityWatch</name>
    <message>
        <source>This kiosk cannot take new applications just now because its storage is almost full. Please ask the clerk for help.</source>
        <translation>本机存储空间快满了，暂时不能受理新的申请。请找工作人员帮忙。</translation>
    </message>
    <message>
        <source>Disk almost full ({free} MB free): new applications are refused. Sync or export to USB, then call support.</source>
        <translation>磁盘快满了（剩余 {free} MB）：已停止受理新申请。请先同步或导出到U盘，再联系技术支持。</translation>
    </message>
    <message>
        <source>Disk space is running low ({free} MB free). Please call support soon.</source>
        <translation>磁盘空间不足（剩余 {free} MB），请尽快联系技术支持。</translation>
    </message>
    <message>
        <source>No successful sync for a long time. Check the link, or export to USB.</source>
        <translation>已经很久没有同步成功。请检查网络连接，或导出到U盘。</translation>
    </message>
</context>
<context>
    <name>CarriedScreen</name>
    <message>
        <source>Is this still right?</source>
        <translation>这些信息还对吗？</translation>
    </message>
    <message>
        <source>You already told us this today. If something has changed, tap it: you will be asked it again.</source>
        <translation>这些是您今天已经填过的。如果有变化，请点一下那一项，稍后会再问您一次。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Yes, this is right</source>
        <translation>对，没有变化</translation>
    </message>
    <message>
        <source>You will be asked this again.</source>
        <translation>这一项会再问您一次。</translation>
    </message>
</context>
<context>
    <name>CheckByIdScreen</name>
    <message>
        <source>Check with your ID card</source>
        <translation>用身份证查询</translation>
    </message>
    <message>
        <source>Lost your receipt? Enter your ID number and birth date</source>
        <translation>回执丢了？请输入身份证号码和出生日期</translation>
    </message>
    <message>
        <source>ID number (18 characters)</source>
        <translation>身份证号码（18位）</translation>
    </message>
    <message>
        <source>Date of birth: year, month, day, e.g. {example}</source>
        <translation>出生日期：年、月、日，例如 {example}</translation>
    </message>
    <message>
        <source>Or hold the QR code of your ID card to the scanner</source>
        <translation>也可以把身份证上的二维码对准扫描器</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>This is not a valid ID number. It has 18 characters; only the last may be X.</source>
        <translation>这不是有效的身份证号码。身份证号码有18位，只有最后一位可以是X。</translation>
    </message>
    <message>
        <source>This date of birth is not possible. Please enter year, month and day, e.g. {example}.</source>
        <translation>这个出生日期不正确。请按年、月、日输入，例如 {example}。</translation>
    </message>
    <message>
        <source>{service}, {number}: {status} ({date})</source>
        <translation>{service}，{number}：{status}（{date}）</translation>
    </message>
    <message>
        <source>No application was found for this ID number and date of birth. Please check both, or ask the staff.</source>
        <translation>没有找到这个身份证号码和出生日期的申请。请核对后重试，或询问工作人员。</translation>
    </message>
    <message>
        <source>The applications made at this kiosk cannot be searched just now.</source>
        <translation>本机上的申请暂时无法查询。</translation>
    </message>
    <message>
        <source>The county office could not be reached just now: only applications made at this kiosk are shown, with the last status it knows.</source>
        <translation>暂时联系不上县里：下面只显示在本机办理的申请，以及本机知道的最新状态。</translation>
    </message>
</context>
<context>
    <name>CheckStatusScreen</name>
    <message>
        <source>Check my application</source>
        <translation>查询我的申请</translation>
    </message>
    <message>
        <source>Enter the tracking number on your receipt</source>
        <translation>请输入回执上的受理编号</translation>
    </message>
    <message>
        <source>For example DEMO01-261127-0042-K</source>
        <translation>例如 DEMO01-261127-0042-K</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>No receipt? Use your ID card</source>
        <translation>没有回执？用身份证查询</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Waiting to be sent to the county office</source>
        <translation>等待发送到县里</translation>
    </message>
    <message>
        <source>{service}: {status}</source>
        <translation>{service}：{status}</translation>
    </message>
    <message>
        <source>Reason: {note}</source>
        <translation>原因：{note}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>说明：{note}</translation>
    </message>
    <message>
        <source>Updated {date}</source>
        <translation>更新于 {date}</translation>
    </message>
    <message>
        <source>Received by the county office</source>
        <translation>县里已收到</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>正在审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>未获批准</translation>
    </message>
    <message>
        <source>More documents are needed</source>
        <translation>需要补充材料</translation>
    </message>
</context>
<context>
    <name>ClerkFlow</name>
    <message>
        <source>A form file was refused: {problem}</source>
        <translation>有一个表格文件未能加载：{problem}</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database was damaged and has been set aside as {path}. A new one was started. Please call support; do not delete the file.</source>
        <translation>本机的数据库已损坏，已另存为 {path}，并已新建数据库。请联系技术支持，不要删除该文件。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this account is locked until {time}. A supervisor can unlock it sooner.</source>
        <translation>PIN 输错次数过多：此账号已锁定至 {time}。主管可以提前解锁。</translation>
    </message>
    <message>
        <source>This account is disabled. Please ask your supervisor.</source>
        <translation>此账号已停用。请联系您的主管。</translation>
    </message>
    <message>
        <source>That staff number or PIN is not right.</source>
        <translation>工号或 PIN 不正确。</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet: it has no staff accounts. An administrator adds the first one at the kiosk&apos;s terminal with: kiosk staff add --role administrator</source>
        <translation>本机尚未设置：还没有工作人员账号。请管理员在本机终端用以下命令添加第一个账号：kiosk staff add --role administrator</translation>
    </message>
    <message>
        <source>The central platform could not be reached. The kiosk keeps trying by itself.</source>
        <translation>无法连接中心平台。本机会自动继续尝试。</translation>
    </message>
    <message>
        <source>Sync done: {sent} sent, {waiting} still waiting to be sent.</source>
        <translation>同步完成：已上报 {sent} 份，还有 {waiting} 份等待上报。</translation>
    </message>
    <message>
        <source>No application with this tracking number is on this kiosk.</source>
        <translation>本机上没有这个受理编号的申请。</translation>
    </message>
</context>
<context>
    <name>ClerkHomeScreen</name>
    <message>
        <source>clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Unlock the kiosk</source>
        <translation>解锁本机</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation>恢复口令</translation>
    </message>
    <message>
        <source>Applications waiting to be sent: {count}</source>
        <translation>等待上报的申请：{count} 份</translation>
    </message>
    <message>
        <source>Unfinished applications (tap one to resume it):</source>
        <translation>未填完的申请（点一下继续填写）：</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计数据</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Switch staff</source>
        <translation>切换工作人员</translation>
    </message>
    <message>
        <source>Fill in for an applicant</source>
        <translation>协助申请人填写</translation>
    </message>
    <message>
        <source>Correct application</source>
        <translation>更正申请</translation>
    </message>
    <message>
        <source>Tracking number of an application not yet sent</source>
        <translation>尚未上报的申请的受理编号</translation>
    </message>
    <message>
        <source>Export to USB</source>
        <translation>导出到 U 盘</translation>
    </message>
    <message>
        <source>Enrol this kiosk</source>
        <translation>注册本机</translation>
    </message>
    <message>
        <source>Signed in: {name} ({staff_id}), {role}</source>
        <translation>已登录：{name}（{staff_id}），{role}</translation>
    </message>
    <message>
        <source>Unlock {name} ({staff_id})</source>
        <translation>解锁 {name}（{staff_id}）</translation>
    </message>
    <message>
        <source>No unfinished applications.</source>
        <translation>没有未完成的申请。</translation>
    </message>
    <message>
        <source>I am with them: clear the call</source>
        <translation>我已到场：清除呼叫</translation>
    </message>
    <message>
        <source>Print the receipts waiting for the printer</source>
        <translation>打印正在等待打印机的回执</translation>
    </message>
    <message>
        <source>Print a copy of an earlier receipt</source>
        <translation>补打一份以前的回执</translation>
    </message>
    <message>
        <source>Tracking number of the receipt to copy</source>
        <translation>要补打回执的受理编号</translation>
    </message>
    <message>
        <source>Quit the kiosk program</source>
        <translation>退出自助机程序</translation>
    </message>
    <message>
        <source>name not given yet</source>
        <translation>尚未填写姓名</translation>
    </message>
    <message>
        <source>{whose} — {service} — {answered} answers — {updated}</source>
        <translation>{whose} — {service} — 已答 {answered} 题 — {updated}</translation>
    </message>
</context>
<context>
    <name>ClerkPinScreen</name>
    <message>
        <source>Quit the kiosk: enter your PIN again</source>
        <translation>退出自助机程序：请再次输入您的 PIN</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>Your staff number</source>
        <translation>您的工号</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>您的 PIN</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>ConfirmationScreen</name>
    <message>
        <source>Application submitted</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <source>Your application is saved on this kiosk and will be sent to the county office.</source>
        <translation>您的申请已保存在本机，将上报到县里办理。</translation>
    </message>
    <message>
        <source>Your tracking number. Keep it to check your application:</source>
        <translation>这是您的受理编号，请记好，以后查询用：</translation>
    </message>
    <message>
        <source>Please bring these documents to the service centre:</source>
        <translation>请带上以下材料到便民服务中心：</translation>
    </message>
    <message>
        <source>You can also apply for these now, without giving your details again:</source>
        <translation>您现在还可以申请下面这些服务，不用再填一遍个人信息：</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Complaint or suggestion</source>
        <translation>投诉或建议</translation>
    </message>
    <message>
        <source>How was your visit today? Tap one:</source>
        <translation>您对今天的办事满意吗？请点一个：</translation>
    </message>
    <message>
        <source>1 Very bad</source>
        <translation>1 很不满意</translation>
    </message>
    <message>
        <source>2 Bad</source>
        <translation>2 不满意</translation>
    </message>
    <message>
        <source>3 Fair</source>
        <translation>3 一般</translation>
    </message>
    <message>
        <source>4 Good</source>
        <translation>4 满意</translation>
    </message>
    <message>
        <source>5 Very good</source>
        <translation>5 非常满意</translation>
    </message>
    <message>
        <source>Also applied for today:</source>
        <translation>今天还申请了：</translation>
    </message>
    <message>
        <source>This screen returns to the start in {seconds} seconds.</source>
        <translation>{seconds} 秒后回到首页。</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>谢谢您的评价。</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>已联网</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>未联网</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <source>{count} waiting to be sent</source>
        <translation>{count} 份待发送</translation>
    </message>
    <message>
        <source>Waiting: {reason}</source>
        <translation>等待原因：{reason}</translation>
    </message>
</context>
<context>
    <name>DashboardFlow</name>
    <message>
        <source>not known yet</source>
        <translation>暂不清楚</translation>
    </message>
    <message>
        <source>The figures could not be written: {reason}</source>
        <translation>统计数据没能写入：{reason}</translation>
    </message>
    <message>
        <source>Figures written to {path}</source>
        <translation>统计数据已写入 {path}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>none (scanner and keypad only)</source>
        <translation>没有（只能用扫码枪和数字键盘）</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Today and this month</source>
        <translation>今天和本月</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Export figures (CSV)</source>
        <translation>导出统计数据（CSV）</translation>
    </message>
    <message>
        <source>Waiting to be sent: {count}</source>
        <translation>等待上报：{count}</translation>
    </message>
    <message>
        <source>Unfinished applications: {count}</source>
        <translation>未填完的申请：{count}</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>打印机：{state}</translation>
    </message>
    <message>
        <source>Camera: {state}</source>
        <translation>摄像头：{state}</translation>
    </message>
    <message>
        <source>Disk: {free} MB free; database {size} MB</source>
        <translation>磁盘：剩余 {free} MB；数据库 {size} MB</translation>
    </message>
    <message>
        <source>Oldest not yet sent: {time}</source>
        <translation>最早一份未上报的：{time}</translation>
    </message>
    <message>
        <source>This month, day by day</source>
        <translation>本月每日申请数</translation>
    </message>
    <message>
        <source>Self-service</source>
        <translation>自助办理</translation>
    </message>
    <message>
        <source>Assisted</source>
        <translation>工作人员协助</translation>
    </message>
    <message>
        <source>Today: {total} applications ({assisted} assisted)</source>
        <translation>今天：{total} 份申请（协助办理 {assisted} 份）</translation>
    </message>
    <message>
        <source>This month: {total} applications ({assisted} assisted)</source>
        <translation>本月：{total} 份申请（协助办理 {assisted} 份）</translation>
    </message>
    <message>
        <source>{service}: {total} ({assisted} assisted)</source>
        <translation>{service}：{total} 份（协助办理 {assisted} 份）</translation>
    </message>
</context>
<context>
    <name>DocumentPhotoView</name>
    <message>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Keep this photo</source>
        <translation>用这张照片</translation>
    </message>
    <message>
        <source>Take again</source>
        <translation>重新拍</translation>
    </message>
    <message>
        <source>Lay the document flat under the camera so that it fills the dashed frame, then tap Take photo.</source>
        <translation>把证件平放在摄像头下面，让它填满虚线框，然后点“拍照”。</translation>
    </message>
    <message>
        <source>Can you read every line of the document in the photo? If yes, tap Keep this photo; if not, tap Take again.</source>
        <translation>照片上证件的每一行字都能看清吗？看得清就点“用这张照片”，看不清就点“重新拍”。</translation>
    </message>
    <message>
        <source>The photo is kept. Tap Take again to replace it.</source>
        <translation>照片已保存。要换一张，请点“重新拍”。</translation>
    </message>
    <message>
        <source>This kiosk has no camera working. Tap Next and show the document to the clerk.</source>
        <translation>这台自助机的摄像头不能用。请点“下一步”，把证件交给工作人员看。</translation>
    </message>
    <message>
        <source>The photo is too dark to read. Move the document into the light and take it again.</source>
        <translation>照片太暗，看不清。请把证件挪到亮一点的地方，再拍一次。</translation>
    </message>
    <message>
        <source>The photo is blurred. Hold the document still, a little further from the camera, and take it again.</source>
        <translation>照片模糊。请拿稳证件，离摄像头稍远一点，再拍一次。</translation>
    </message>
    <message>
        <source>No document can be seen in the frame. Lay the open page inside the dashed frame and take it again.</source>
        <translation>框里没有看到证件。请把打开的那一页放进虚线框里，再拍一次。</translation>
    </message>
    <message>
        <source>The photo could not be made small enough. Please take it again.</source>
        <translation>照片无法压缩到规定大小。请再拍一次。</translation>
    </message>
    <message>
        <source>The camera gave no usable picture. Please take it again.</source>
        <translation>摄像头没有拍到可用的画面。请再拍一次。</translation>
    </message>
</context>
<context>
    <name>Editors</name>
    <message>
        <source>Keyboard (Pinyin)</source>
        <translation>键盘（拼音）</translation>
    </message>
    <message>
        <source>Write by hand</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>Year, month, day. For example 1956-03-12</source>
        <translation>按年、月、日填写，例如 1956-03-12</translation>
    </message>
    <message>
        <source>Choose all that apply.</source>
        <translation>符合的都选上（可以选多项）。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
    <message>
        <source>Address complete. Tap a place above to change it.</source>
        <translation>地址已选好。要修改，请点上面的地名。</translation>
    </message>
    <message>
        <source>Choose one:</source>
        <translation>请选择：</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <source>This address is not secure: use an address starting with https:// (plain http:// is allowed only to this computer).</source>
        <translation>这个地址不安全：请使用以 https:// 开头的地址（只有连接本机时才允许用 http://）。</translation>
    </message>
    <message>
        <source>This is not a web address. It starts with https://, for example https://central.example.org</source>
        <translation>这不是网址。网址以 https:// 开头，例如 https://central.example.org</translation>
    </message>
    <message>
        <source>No central platform answers at this address. Check the address shown on the console.</source>
        <translation>这个地址上没有中心平台应答。请核对管理后台上显示的地址。</translation>
    </message>
    <message>
        <source>This is not an enrolment code. Scan the enrolment QR code the console shows, or type its code (8 or more letters and digits).</source>
        <translation>这不是注册码。请扫描管理后台显示的注册二维码，或输入注册码（8 位以上的字母和数字）。</translation>
    </message>
    <message>
        <source>The central platform does not accept this code: it is unknown, already used or expired. Make a new code on the console.</source>
        <translation>中心平台不接受这个注册码：它不存在、已被使用或已过期。请在管理后台生成新的注册码。</translation>
    </message>
    <message>
        <source>This kiosk has been revoked on the central platform and cannot be enrolled. Ask the central office.</source>
        <translation>本机已在中心平台被吊销，不能注册。请联系中心办公室。</translation>
    </message>
    <message>
        <source>The central platform is not set up yet: its administrator must first make its signing key (kiosk-central generate-key). Then try again.</source>
        <translation>中心平台尚未设置完成：其管理员须先生成签名密钥（kiosk-central generate-key），然后再试。</translation>
    </message>
    <message>
        <source>The central platform cannot be reached. Check the network cable or Wi-Fi, then try again.</source>
        <translation>无法连接中心平台。请检查网线或 Wi-Fi，然后重试。</translation>
    </message>
    <message>
        <source>The central platform&apos;s certificate is not trusted. Choose its certificate file (CA) from a USB stick, then try again.</source>
        <translation>中心平台的证书不受信任。请从 U 盘选择它的证书文件（CA），然后重试。</translation>
    </message>
    <message>
        <source>The chosen file is not a certificate file (PEM). Choose another one.</source>
        <translation>所选文件不是证书文件（PEM）。请另选一个。</translation>
    </message>
    <message>
        <source>The kiosk is enrolled, but its settings could not be saved. Tell support.</source>
        <translation>本机已注册，但设置未能保存。请告知技术支持。</translation>
    </message>
    <message>
        <source>Enrol this kiosk</source>
        <translation>注册本机</translation>
    </message>
    <message>
        <source>On the console, show this kiosk&apos;s enrolment QR code. Hold it to the camera or the scanner, or type its code.</source>
        <translation>请在管理后台打开本机，显示它的注册二维码，把二维码对准摄像头或扫码器，或者输入它的注册码。</translation>
    </message>
    <message>
        <source>Central platform address</source>
        <translation>中心平台地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Certificate authority (CA)</source>
        <translation>证书颁发机构（CA）</translation>
    </message>
    <message>
        <source>The computer&apos;s own list (most platforms)</source>
        <translation>使用本机自带的证书列表（大多数平台）</translation>
    </message>
    <message>
        <source>Look for certificate files on a USB stick</source>
        <translation>在 U 盘上查找证书文件</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Code read. Check the address, then tap Enrol.</source>
        <translation>已读取注册码。请核对地址，然后点击“注册”。</translation>
    </message>
    <message>
        <source>Enrolling… this can take a minute.</source>
        <translation>正在注册……可能需要一分钟。</translation>
    </message>
    <message>
        <source>Enrolled as kiosk {code}. The kiosk now sends applications to the central platform and receives form updates.</source>
        <translation>已注册为自助机 {code}。本机现在会把申请发送到中心平台，并接收表单更新。</translation>
    </message>
</context>
<context>
    <name>FacePhotoPanel</name>
    <message>
        <source>For the clerk: the photo stored in this verified ID. Compare it with the person applying, then tap Continue.</source>
        <translation>供工作人员核对：这是已验证证件中存储的照片。请与申请人本人比对后点击“继续”。</translation>
    </message>
    <message>
        <source>For the clerk: this verified ID carries a photo in a format this kiosk cannot show. Tap Continue.</source>
        <translation>供工作人员核对：此已验证证件带有照片，但本机无法显示其格式。请点击“继续”。</translation>
    </message>
</context>
<context>
    <name>FeedbackFlow</name>
    <message>
        <source>Choose what it is about, or write a few words.</source>
        <translation>请选择是关于什么的，或者写几句话。</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>Complaint or suggestion</source>
        <translation>投诉或建议</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>是关于什么的？</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Using this kiosk</source>
        <translation>使用这台自助机</translation>
    </message>
    <message>
        <source>The rules of a service</source>
        <translation>办事的规定</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Tell us in a few words:</source>
        <translation>请简单说几句：</translation>
    </message>
    <message>
        <source>I would like an answer: leave my name or phone</source>
        <translation>我希望得到答复：留下姓名或电话</translation>
    </message>
    <message>
        <source>Name or phone number</source>
        <translation>姓名或电话号码</translation>
    </message>
    <message>
        <source>Your complaint or suggestion is anonymous unless you leave your name or phone.</source>
        <translation>除非您留下姓名或电话，您的投诉或建议是匿名的。</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>Flow</name>
    <message>
        <source>One moment, please, then try again.</source>
        <translation>请稍等片刻，再点一次。</translation>
    </message>
    <message>
        <source>No application with this number was made at this kiosk. Please check the number on your receipt.</source>
        <translation>本机没有这个编号的申请。请核对回执上的编号。</translation>
    </message>
</context>
<context>
    <name>GuideCard</name>
    <message>
        <source>How to use this kiosk</source>
        <translation>自助机使用说明</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Tap your language, then the service you need. “{larger}” makes the text bigger and reads it aloud.</source>
        <translation>点一下“中文”，再点您要办理的业务。点“{larger}”，字会变大，还会读给您听。</translation>
    </message>
    <message>
        <source>Scan your ID card</source>
        <translation>扫描身份证</translation>
    </message>
    <message>
        <source>Hold the QR code on your ID card up to the camera, or type the ID number on the keypad. Then tap “{continue}”.</source>
        <translation>把身份证上的二维码对准摄像头，或者在数字键盘上输入身份证号码，然后点“{continue}”。</translation>
    </message>
    <message>
        <source>Answer the questions</source>
        <translation>回答问题</translation>
    </message>
    <message>
        <source>One question on each screen: answer it and tap “{next}”. Check your answers, tap “{submit}” and take your receipt: it carries your tracking number.</source>
        <translation>每一屏一个问题，答好后点“{next}”。最后核对一遍，点“{submit}”，再取走回执，上面有您的受理编号。</translation>
    </message>
    <message>
        <source>Check your application later</source>
        <translation>以后查询申请</translation>
    </message>
    <message>
        <source>Come back to this kiosk and tap “{check}”. Scan the QR code on your receipt, or type the tracking number.</source>
        <translation>回到这台机器，点“{check}”，扫描回执上的二维码，或者输入受理编号。</translation>
    </message>
    <message>
        <source>Need help? Ask the clerk</source>
        <translation>需要帮助？请找工作人员</translation>
    </message>
    <message>
        <source>The clerk sits at the service counter of this centre and, if you agree, fills in the application together with you.</source>
        <translation>工作人员在本中心的服务窗口。经您同意，工作人员可以和您一起填写申请。</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <source>Write one character in the box, then tap it below.</source>
        <translation>在方框里写一个字，再点下面对的那个字。</translation>
    </message>
    <message>
        <source>Wipe the box</source>
        <translation>擦掉重写</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Who is applying?</source>
        <translation>是谁来申请？</translation>
    </message>
    <message>
        <source>Enter the ID number from the ID card</source>
        <translation>请输入身份证号码</translation>
    </message>
    <message>
        <source>Or scan the QR code on your ID card</source>
        <translation>或扫描身份证件上的二维码</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>I have no ID card with me</source>
        <translation>我没带身份证</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>You can also apply for these today, without giving your details again. Tap one to do it first, or tap Continue. The others are offered again after each application.</source>
        <translation>今天您还可以申请下面这些，不用再填一遍个人信息。点一项就先办它，或者点“继续”。其余的每办完一项申请后会再给您看。</translation>
    </message>
    <message>
        <source>18 characters at the bottom of the side with your photo; the last one may be the letter X.</source>
        <translation>身份证人像面（有照片的一面）最下方的 18 位号码，最后一位可能是字母 X。</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>Tap anywhere to continue.</source>
        <translation>点一下屏幕任意位置继续。</translation>
    </message>
</context>
<context>
    <name>IneligibleScreen</name>
    <message>
        <source>You cannot apply for this service</source>
        <translation>您不能申请这项服务</translation>
    </message>
    <message>
        <source>What you can do next</source>
        <translation>接下来您可以这样做</translation>
    </message>
    <message>
        <source>• If you chose the answer by mistake, tap “Change my answer”.
• Ask the staff at the service centre whether another service can help you.
• Tap “Finish later” to leave what you entered with the staff: they can finish the application with you when you can apply.</source>
        <translation>• 如果您选错了答案，请点“修改我的回答”。
• 请问问服务中心的工作人员，有没有别的服务能帮到您。
• 点“以后再办”，您填写的内容会留给工作人员：等您符合条件时，他们可以和您一起办完申请。</translation>
    </message>
    <message>
        <source>Change my answer</source>
        <translation>修改我的回答</translation>
    </message>
    <message>
        <source>Finish later</source>
        <translation>以后再办</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No, keep</source>
        <translation>不删，保留</translation>
    </message>
    <message>
        <source>Yes, remove</source>
        <translation>确定删除</translation>
    </message>
    <message>
        <source>Added so far: {count}</source>
        <translation>已添加：{count}</translation>
    </message>
    <message>
        <source>+ Add: {item}</source>
        <translation>＋ 添加：{item}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Not finished: tap to go on</source>
        <translation>还没填完：点这里接着填</translation>
    </message>
    <message>
        <source>Remove {item} from the list?</source>
        <translation>要把“{item}”从名单中删除吗？</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Your receipt is printing. Please take it with you.</source>
        <translation>正在打印回执，请取走。</translation>
    </message>
    <message>
        <source>This kiosk has no printer. Please write down your tracking number shown on the screen; the clerk can print your receipt for you.</source>
        <translation>本机没有连接打印机。请记下屏幕上显示的受理编号，工作人员可以为您打印回执。</translation>
    </message>
    <message>
        <source>Your receipt cannot be printed just now. Your application is safely received. Please write down your tracking number shown on the screen and ask the clerk for your receipt.</source>
        <translation>回执暂时无法打印，您的申请已成功受理。请记下屏幕上显示的受理编号，并向工作人员领取回执。</translation>
    </message>
    <message>
        <source>The printer works, but the paper roll is nearly used up.</source>
        <translation>打印机可以使用，但纸卷快用完了。</translation>
    </message>
    <message>
        <source>The printer is ready.</source>
        <translation>打印机已就绪。</translation>
    </message>
    <message>
        <source>No printer is set up. Receipts are saved as PDF files.</source>
        <translation>未设置打印机，回执将保存为 PDF 文件。</translation>
    </message>
    <message>
        <source>The printer does not answer. Check that it is switched on and connected.</source>
        <translation>打印机没有响应，请检查是否已开机并连接好。</translation>
    </message>
    <message>
        <source>The printing service (CUPS) is not running.</source>
        <translation>打印服务（CUPS）没有运行。</translation>
    </message>
    <message>
        <source>The printer queue is stopped. Enable it in the printer settings.</source>
        <translation>打印队列已停止，请在打印机设置中启用。</translation>
    </message>
    <message>
        <source>The printer is out of paper. Put in a new roll.</source>
        <translation>打印机缺纸，请装入新纸卷。</translation>
    </message>
    <message>
        <source>The printer cover is open. Close it.</source>
        <translation>打印机盖未关好，请关上。</translation>
    </message>
    <message>
        <source>The printer reports a fault. Switch it off and on again.</source>
        <translation>打印机报告故障，请关机后重新开机。</translation>
    </message>
    <message>
        <source>Receipts waiting to print: {count}</source>
        <translation>等待打印的回执：{count} 张</translation>
    </message>
    <message>
        <source>No printer is connected. Receipts are saved as PDF files to print elsewhere.</source>
        <translation>未连接打印机。回执保存为 PDF 文件，可在别处打印。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Please answer this question.</source>
        <translation>请回答这个问题。</translation>
    </message>
    <message>
        <source>This is too short: at least {min} characters.</source>
        <translation>太短了：至少要 {min} 个字。</translation>
    </message>
    <message>
        <source>This is too long: at most {max} characters.</source>
        <translation>太长了：最多 {max} 个字。</translation>
    </message>
    <message>
        <source>This does not look right. Please check it.</source>
        <translation>格式好像不对，请再看一下。</translation>
    </message>
    <message>
        <source>Please enter a number, using digits only.</source>
        <translation>请只填数字。</translation>
    </message>
    <message>
        <source>Please enter a whole number.</source>
        <translation>请填整数。</translation>
    </message>
    <message>
        <source>The number must be at least {min}.</source>
        <translation>数字不能小于 {min}。</translation>
    </message>
    <message>
        <source>The number must be at most {max}.</source>
        <translation>数字不能大于 {max}。</translation>
    </message>
    <message>
        <source>This is not a date. Enter year, month and day, for example 1956-03-12.</source>
        <translation>日期不对。请按年、月、日填写，例如 1956-03-12。</translation>
    </message>
    <message>
        <source>The date must be {min} or later.</source>
        <translation>日期不能早于 {min}。</translation>
    </message>
    <message>
        <source>The date must be {max} or earlier.</source>
        <translation>日期不能晚于 {max}。</translation>
    </message>
    <message>
        <source>Please choose one of the answers shown.</source>
        <translation>请从上面的选项中选一个。</translation>
    </message>
    <message>
        <source>Please choose at least {min}.</source>
        <translation>请至少选 {min} 项。</translation>
    </message>
    <message>
        <source>Please choose at most {max}.</source>
        <translation>最多只能选 {max} 项。</translation>
    </message>
    <message>
        <source>Please enter an 11-digit mobile number, or a landline with its area code.</source>
        <translation>请填 11 位手机号码，或带区号的座机号码。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters. Please count them again.</source>
        <translation>身份证号码有 18 位，请再数一下。</translation>
    </message>
    <message>
        <source>The first six digits of this ID number are not a known place.</source>
        <translation>身份证号码的前 6 位不是有效的地区代码。</translation>
    </message>
    <message>
        <source>The birth date inside this ID number is not possible.</source>
        <translation>身份证号码中的出生日期不对。</translation>
    </message>
    <message>
        <source>This ID number has a mistake. Please compare it with the card.</source>
        <translation>身份证号码有误，请对照身份证再看一下。</translation>
    </message>
    <message>
        <source>Please read the statement and tap &quot;I agree&quot; to continue.</source>
        <translation>请阅读声明，点“我同意”后继续。</translation>
    </message>
    <message>
        <source>Please choose every part of the address.</source>
        <translation>请把地址的每一级都选上。</translation>
    </message>
    <message>
        <source>This photo cannot be used. Please take it again.</source>
        <translation>这张照片不能用。请再拍一次。</translation>
    </message>
    <message>
        <source>Please add at least {min}.</source>
        <translation>请至少添加 {min} 个。</translation>
    </message>
    <message>
        <source>At most {max} can be added.</source>
        <translation>最多只能添加 {max} 个。</translation>
    </message>
    <message>
        <source>Number {item} is not finished. Tap it to answer its remaining questions.</source>
        <translation>第 {item} 个还没填完，请点它把剩下的问题填完。</translation>
    </message>
    <message>
        <source>Please check this answer.</source>
        <translation>请检查这个回答。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full, so your application could not be saved yet. Nothing was lost: please ask the clerk for help.</source>
        <translation>本机存储空间已满，您的申请暂时无法保存。已填的内容没有丢失，请找工作人员帮忙。</translation>
    </message>
    <message>
        <source>That passphrase does not unlock this kiosk. Nothing was changed.</source>
        <translation>该口令无法解锁本机，未作任何更改。</translation>
    </message>
    <message>
        <source>This application has already been sent to the county office, so it can no longer be corrected at the kiosk. Corrections are made at the county office.</source>
        <translation>这份申请已经上报到县里，不能再在本机更正。请到县里办理更正。</translation>
    </message>
    <message>
        <source>This kiosk cannot store applications at the moment, so yours cannot be taken here yet. Please ask the clerk for help.</source>
        <translation>本机暂时无法保存申请，您的申请现在不能在这里办理。请找工作人员帮忙。</translation>
    </message>
    <message>
        <source>The kiosk could not save your application just now. Nothing was lost: please try again, or ask the clerk for help.</source>
        <translation>本机刚才没能保存您的申请。已填的内容没有丢失，请再试一次，或找工作人员帮忙。</translation>
    </message>
    <message>
        <source>The kiosk is locked, so saved applications cannot be opened just now. New applications still work. Please ask the clerk: the kiosk unlocks itself when it reaches the central platform.</source>
        <translation>本机目前处于锁定状态，已保存的申请暂时无法打开。新的申请仍可正常办理。请找工作人员：本机连上中心平台后会自动解锁。</translation>
    </message>
    <message>
        <source>Something went wrong on this kiosk. Nothing was lost: please ask the clerk for help.</source>
        <translation>本机出了点问题。已填的内容没有丢失，请找工作人员帮忙。</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Question {index} of {total}</source>
        <translation>第 {index} 题，共 {total} 题</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>(not answered)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Please check your answers. Tap an answer to change it.</source>
        <translation>请核对您填写的内容。点一下可以修改。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>{count} added</source>
        <translation>已添加 {count} 个</translation>
    </message>
</context>
<context>
    <name>ScanOutcome</name>
    <message>
        <source>ID verified, issued by {issuer}. Please check the answers filled in.</source>
        <translation>证件已验证，签发机关：{issuer}。请核对已填写的内容。</translation>
    </message>
    <message>
        <source>ID number read. Please check the answers filled in.</source>
        <translation>已读取身份证号码。请核对已填写的内容。</translation>
    </message>
    <message>
        <source>The code was read, but this kiosk does not know its issuer (its list is dated {date}), so it could not be verified. You can continue; please check the answers.</source>
        <translation>已读取二维码，但本机不认识其签发机关（本机名单日期为 {date}），无法验证。您可以继续办理，请核对填写的内容。</translation>
    </message>
    <message>
        <source>This ID code was signed with a key that has been withdrawn. Please type the ID number instead.</source>
        <translation>此证件二维码使用的签名密钥已被撤销。请改为输入身份证号码。</translation>
    </message>
    <message>
        <source>This ID code could not be verified: it may have been altered. Please type the ID number instead.</source>
        <translation>此证件二维码无法验证，可能已被篡改。请改为输入身份证号码。</translation>
    </message>
    <message>
        <source>This ID code has expired. You can continue; please check the answers.</source>
        <translation>此证件二维码已过期。您可以继续办理，请核对填写的内容。</translation>
    </message>
    <message>
        <source>This ID code is not valid yet. You can continue; please check the answers.</source>
        <translation>此证件二维码尚未生效。您可以继续办理，请核对填写的内容。</translation>
    </message>
    <message>
        <source>This ID code is encrypted, and this kiosk holds no key to read it. Please type the ID number instead.</source>
        <translation>此身份码已加密，本机没有读取它的密钥。请改为输入身份证号码。</translation>
    </message>
    <message>
        <source>The code is damaged and could not be read. Try again, or type the ID number.</source>
        <translation>二维码已损坏，无法读取。请重试，或输入身份证号码。</translation>
    </message>
    <message>
        <source>This QR code is not an ID code. Please scan the code on your ID card.</source>
        <translation>这不是证件二维码。请扫描身份证件上的二维码。</translation>
    </message>
    <message>
        <source>Nothing could be read. Try again, or type the ID number.</source>
        <translation>未能读取任何内容。请重试，或输入身份证号码。</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>Staff are called: someone is coming</source>
        <translation>已呼叫工作人员，马上有人过来</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <source>More below</source>
        <translation>下面还有</translation>
    </message>
</context>
<context>
    <name>Speech</name>
    <message>
        <source>Reading aloud: offered in {languages}.</source>
        <translation>朗读：可用语言 {languages}。</translation>
    </message>
    <message>
        <source>speech-dispatcher is not running (start it: python -m ui.speech_daemon)</source>
        <translation>speech-dispatcher 没有运行（启动命令：python -m ui.speech_daemon）</translation>
    </message>
    <message>
        <source>speech-dispatcher does not answer (a speech module hangs): restart it</source>
        <translation>speech-dispatcher 没有响应（语音模块卡住了）：请重新启动它</translation>
    </message>
    <message>
        <source>the speech engine could not start (the log says why)</source>
        <translation>语音引擎无法启动（原因见日志）</translation>
    </message>
    <message>
        <source>the speech engine is still being checked</source>
        <translation>语音引擎还在检查中</translation>
    </message>
    <message>
        <source>no voice is installed for it</source>
        <translation>没有安装这种语言的语音</translation>
    </message>
    <message>
        <source>a test word never finished: check the sound output</source>
        <translation>测试词一直没有读完：请检查声音输出</translation>
    </message>
    <message>
        <source>the engine failed saying a test word</source>
        <translation>引擎读测试词时出错</translation>
    </message>
    <message>
        <source>Reading aloud is not offered in {language}: {reason}.</source>
        <translation>{language}不提供朗读：{reason}。</translation>
    </message>
</context>
<context>
    <name>StaffCallFlow</name>
    <message>
        <source>Someone at the kiosk asked for staff at {time}.</source>
        <translation>自助机前有人在 {time} 呼叫了工作人员。</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>What would you like to apply for today?</source>
        <translation>您今天要办理什么业务？</translation>
    </message>
    <message>
        <source>{township} service centre</source>
        <translation>{township}便民服务中心</translation>
    </message>
    <message>
        <source>Check my application</source>
        <translation>查询我的申请</translation>
    </message>
    <message>
        <source>This kiosk is being set up and does not take applications yet. Please ask the staff for help.</source>
        <translation>本机正在安装设置，暂不受理申请。请向工作人员寻求帮助。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>A clerk is helping you: {name} (staff number {staff_id}).</source>
        <translation>工作人员正在协助您：{name}（工号 {staff_id}）。</translation>
    </message>
    <message>
        <source>Larger text, read aloud</source>
        <translation>大字并朗读</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
</context>
<context>
    <name>UsbExport</name>
    <message>
        <source>No USB stick was found. Plug one in, wait a few seconds and tap again.</source>
        <translation>没有找到 U 盘。请插入 U 盘，等几秒钟后再点一次。</translation>
    </message>
    <message>
        <source>This kiosk is not enrolled with a central platform, so it cannot seal an export.</source>
        <translation>本机尚未在中心平台注册，无法加密导出。</translation>
    </message>
    <message>
        <source>This USB stick holds a link where the export belongs, so nothing was written. Use another stick.</source>
        <translation>此U盘上导出文件应放的位置是一个链接，因此没有写入任何内容。请换一个U盘。</translation>
    </message>
    <message>
        <source>The USB stick could not be written (full or read-only?). Nothing was lost.</source>
        <translation>无法写入 U 盘（已满或只读？）。数据没有丢失。</translation>
    </message>
    <message>
        <source>{count} applications written to {path}. Take the stick to the central platform; they stay on this kiosk until its receipt is imported.</source>
        <translation>已将 {count} 份申请写入 {path}。请把 U 盘带到中心平台；在导入其回执之前，这些申请仍保留在本机上。</translation>
    </message>
</context>
</TS>
