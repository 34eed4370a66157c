<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
      <source>Check</source>
      <translation>查询</translation>
    </message>
  </context>
  <context>
    <name>ClerkFlow</name>
    <message>
      <source>A form file was refused: {problem}</source>
      <translation>有一个表格文件未能加载：{problem}</translation>
    </message>
    <message>
      <source>The kiosk's database was damaged and has been set aside as {path}. A new one was started. Please call support; do not delete the file.</source>
      <translation>本机的数据库已损坏，已另存为 {path}，并已新建数据库。请联系技术支持，不要删除该文件。</translation>
    </message>
    <message>
      <source>No clerk PIN is set on this kiosk yet. Set one with: kiosk set-clerk-pin</source>
      <translation>本机尚未设置工作人员密码。请用命令 kiosk set-clerk-pin 设置。</translation>
    </message>
    <message>
      <source>That PIN is not right.</source>
      <translation>密码不正确。</translation>
    </message>
  </context>
  <context>
    <name>ClerkHomeScreen</name>
    <message>
      <source>Clerk</source>
      <translation>工作人员</translation>
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
      <source>End session</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>{service} — {answered} answers — {updated}</source>
      <translation>{service} — 已答 {answered} 题 — {updated}</translation>
    </message>
  </context>
  <context>
    <name>ClerkPinScreen</name>
    <message>
      <source>Staff sign-in: enter the clerk PIN</source>
      <translation>工作人员登录：请输入密码</translation>
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
      <source>Finish</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>This screen returns to the start in {seconds} seconds.</source>
      <translation>{seconds} 秒后回到首页。</translation>
    </message>
  </context>
  <context>
    <name>Editors</name>
    <message>
      <source>Year, month, day. For example 1956-03-12</source>
      <translation>按年、月、日填写，例如 1956-03-12</translation>
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
    <name>Flow</name>
    <message>
      <source>One moment, please, then try again.</source>
      <translation>请稍等片刻，再点一次。</translation>
    </message>
    <message>
      <source>No application with this number was made at this kiosk. Please check the number on your receipt.</source>
      <translation>本机没有这个编号的申请。请核对回执上的编号。</translation>
    </message>
    <message>
      <source>{service}: received at this kiosk. It will be sent to the county office when the kiosk is next connected.</source>
      <translation>{service}：本机已受理。联网后将上报到县里办理。</translation>
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
      <source>18 digits on the back of the card; the last one may be the letter X.</source>
      <translation>身份证背面的 18 位号码，最后一位可能是字母 X。</translation>
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
    <name>Keypad</name>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
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
      <source>Please read the statement and tap "I agree" to continue.</source>
      <translation>请阅读声明，点“我同意”后继续。</translation>
    </message>
    <message>
      <source>Please choose every part of the address.</source>
      <translation>请把地址的每一级都选上。</translation>
    </message>
    <message>
      <source>Please check this answer.</source>
      <translation>请检查这个回答。</translation>
    </message>
    <message>
      <source>The kiosk's storage is full, so your application could not be saved yet. Nothing was lost: please ask the clerk for help.</source>
      <translation>本机存储空间已满，您的申请暂时无法保存。已填的内容没有丢失，请找工作人员帮忙。</translation>
    </message>
    <message>
      <source>The kiosk could not save your application just now. Nothing was lost: please try again, or ask the clerk for help.</source>
      <translation>本机刚才没能保存您的申请。已填的内容没有丢失，请再试一次，或找工作人员帮忙。</translation>
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
  </context>
  <context>
    <name>Screen</name>
    <message>
      <source>Read aloud</source>
      <translation>朗读</translation>
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
      <source>Staff</source>
      <translation>工作人员</translation>
    </message>
    <message>
      <source>Larger text, read aloud</source>
      <translation>大字并朗读</translation>
    </message>
    <message>
      <source>High contrast</source>
      <translation>高对比度</translation>
    </message>
  </context>
</TS>
