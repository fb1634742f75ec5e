"""The eight real-world Q&A files of ../shared/realworld: the questions a reader sees in each,
checked against `qadeck inspect`, and a snapshot of the stable `qadeck lint` findings.

The files are read-only test data (two are GPL-3.0): they are read where they are and never
copied into this repository. Each file is its own ctest test, "realworld.<key>"; the seed and a
generated corpus are "realworld.Controls", so that the heuristics the real files pushed stay
right for the documents qadeck was built for. Run one by hand with

    python3 tests/realworld/realworld_test.py --qadeck build/bin/qadeck --shared ../shared scutan90

Updating the findings snapshots (tests/realworld/expected/<key>.findings) after a rule change:

    QADECK_UPDATE_SNAPSHOTS=1 ctest --test-dir build -L realworld
    python3 tests/realworld/realworld_test.py --qadeck build/bin/qadeck --shared ../shared --update

An update keeps the reason of every finding that remains and writes "TODO" for a new one; the
test fails until each TODO says why the finding is a real defect, or the rule is fixed. A
finding that is not a real defect, kept so that the snapshot stays exact until its rule is
fixed, says so: its reason begins with "FALSE POSITIVE", and the test lists it on every run.

How the expected questions were decided (by reading each file; see also SOURCES.md there):
- Every heading above the question level is a section, also "Table of contents", "Contents",
  "参考文献" and bhoomeendra's "#### Questions": they are headings a reader sees, with no
  questions in them. A lone level-1 title is not a section.
- alexeygrigorev: the bold paragraphs ending in a difficulty emoji (👶, ⭐️ after a zero-width
  joiner, 🚀; one plain ⭐ at line 95), 166 of them; the emoji stay in the question text. The
  two bold paragraphs at lines 191 and 193 begin answer prose and are not questions.
- scutan90: the `### 3.x.y` headings (68, 3.4.12 twice) and the two `## 3.13`/`## 3.14`
  section headings that ask a question and are answered right below: 70. Those two are
  sections too (so their answers are not filed under 3.12).
- datawhale: **Q1：…** to **Q60：…** and the `### **英语学习应用中如何限制词汇范围？**` heading
  (it really answers the third part of Q25, but a reader sees a question): 61.
- iamtodor: the `## N.` headings 1..33; `###`/`####` headings inside are part of answers.
- ShuaiW: the 37 `###` topic headings; the `##` headings are sections; the
  "[back to top](#…)" line after each answer is navigation and ends it (so the closing
  "Confession: …" paragraph is not part of the last answer).
- HaoyuanPeng: the 45 `####` headings (44 bold, one plain at line 191).
- bhoomeendra: the top-level numbered items (`1. __Accuracy:__`, `5. $$F_\\beta$$ Score`, …)
  and the one item under `#### Questions`: 27; a leading bold term is the question, what
  follows it on its line begins the answer. Bold lines and the numbered list inside an answer
  (BLEU's "Drawbacks") are answer text. The commented-out `6. __BPREF__` is not a question.
- ajitsingh98: numbered items that ask; a topic item (a title whose nested numbered list
  follows it: "Dot product", "Given $A∈R^{n×m}$ …") is not a question, its nested items are.
  Item 7 of Statistics (line 94) asks "Which of the following statements is true?" and its
  nested items do not ask: it is the question, they are its choices. 93 questions.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED_DIR = HERE / "expected"
UPDATE_ENV = "QADECK_UPDATE_SNAPSHOTS"

# Findings that depend on the machine rather than on the file: relative images and links
# resolve in the source repositories but not in ../shared/realworld (the images were not
# copied), and external links depend on the network. collected/ is in this repository, so its
# link.file findings are stable and kept: each says whether the target is only not copied (it
# exists in the source repository at the recorded commit) or missing from the source too.
UNSTABLE_RULES = {"link.file", "link.broken", "link.unreachable"}
COLLECTED_UNSTABLE_RULES = UNSTABLE_RULES - {"link.file"}

ARGS = argparse.Namespace(qadeck=None, shared=None, update=False)


@dataclass
class Expected:
    file: str
    items: int
    sections: list  # titles, "number title" when numbered
    first: str
    last: str
    # question line -> (answer_line, answer_end_line), or None for no answer
    answers: dict = field(default_factory=dict)
    # question line -> exact question text
    questions: dict = field(default_factory=dict)
    # question line -> index of its section (None before the first)
    item_sections: dict = field(default_factory=dict)
    numbers: list = None  # every item's number as written, None when unnumbered
    style: str = None  # the style of every item, when the file has one
    collected: bool = False  # in collected/ (this repository) rather than ../shared/realworld


FILES = {
    "alexeygrigorev": Expected(
        file="alexeygrigorev__data-science-interviews__theory.md",
        items=166,
        sections=["Table of contents", "Supervised machine\u00a0learning", "Linear regression",
                  "Validation", "Classification", "Regularization", "Feature selection",
                  "Decision trees", "Random forest", "Gradient boosting", "Parameter tuning",
                  "Neural networks", "Optimization in neural\u00a0networks",
                  "Neural networks for computer\u00a0vision", "Text classification", "Clustering",
                  "Dimensionality reduction", "Ranking and\u00a0search", "Recommender systems",
                  "Time series"],
        first="What is supervised machine learning? 👶",
        last="What are the problems with using trees for solving time series problems? "
             "\u200d\u2b50\ufe0f",
        answers={
            45: (47, 49),     # the <br/> after it (line 51) is a separator, not answer
            95: (97, 105),    # a numbered list with a nested list
            685: (687, 687),  # "Answer here": a placeholder, still the answer a reader sees
            1435: (1437, 1437),
        },
        questions={95: "What are the main assumptions of linear regression? \u2b50"},
        item_sections={45: 1, 1435: 19},
        style="bold",
    ),
    "scutan90": Expected(
        file="scutan90__DeepLearning-500-questions__第三章_深度学习基础.md",
        items=70,
        sections=["3.1 基本概念", "3.2 网络操作与计算", "3.3 超参数", "3.4 激活函数",
                  "3.5 Batch_Size", "3.6 归一化", "3.7 预训练与微调(fine tuning)",
                  "3.8 权重偏差初始化", "3.9 学习率", "3.12 Dropout 系列问题",
                  "3.13 深度学习中常用的数据增强方法？", "3.14 如何理解 Internal Covariate Shift？",
                  "参考文献"],
        first="神经网络组成？",
        last="如何理解 Internal Covariate Shift？",
        answers={
            7: (9, 65),
            627: (629, 645),    # the first 3.4.12
            647: (649, 670),    # the second 3.4.12
            1151: (1153, 1153),
            1155: (1157, 1175),  # 3.13, a section heading that asks
        },
        questions={647: "内聚外斥 - Center Loss", 1126: "为什么要正则化？"},
        item_sections={627: 3, 647: 3, 1126: 9, 1155: 10, 1177: 11},
        numbers=("3.1.1 3.1.2 3.1.3 3.1.4 3.1.5 3.1.6 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.2.6 "
                 "3.3.1 3.3.2 3.3.3 3.4.1 3.4.2 3.4.3 3.4.4 3.4.5 3.4.6 3.4.7 3.4.8 3.4.9 "
                 "3.4.10 3.4.11 3.4.12 3.4.12 3.5.1 3.5.2 3.5.3 3.5.4 3.5.5 3.6.1 3.6.2 3.6.3 "
                 "3.6.4 3.6.5 3.6.6 3.6.7 3.6.8 3.6.9 3.6.10 3.6.11 3.6.12 3.6.13 3.7.1 3.7.2 "
                 "3.7.3 3.7.4 3.8.1 3.8.2 3.8.3 3.8.4 3.8.5 3.8.6 3.9.1 3.9.2 3.9.3 3.9.4 "
                 "3.9.5 3.9.6 3.9.7 3.12.1 3.12.2 3.12.3 3.12.4 3.12.5 3.13 3.14").split(),
        style="heading",
    ),
    "datawhale": Expected(
        file="datawhalechina__daily-interview__llm-interview-questions.md",
        items=61,
        sections=[],
        first="仅编码器（BERT类）、仅解码器（GPT类）和完整的编码器-解码器架构各有什么优缺点？",
        last="在 QwQ-32B 推理模型的基础上，通过 RL 在类似 OpenAI Deep Research 的场景中强化垂直"
             "领域能力，如何构建训练数据集？预计需要多少张 GPU 和多少训练时长？",
        answers={
            3: (5, 5),        # an image only
            225: (227, 238),  # Q25 ends before the heading question
            240: (242, 245),
            687: (689, 703),
        },
        questions={240: "英语学习应用中如何限制词汇范围？"},
        numbers=[f"Q{n}" for n in range(1, 26)] + [None] + [f"Q{n}" for n in range(26, 61)],
    ),
    "iamtodor": Expected(
        file="iamtodor__data-science-interview-questions-and-answers__README.md",
        items=33,
        sections=[],
        first="Why do you use feature selection?",
        last="What is a confidence interval in layman's terms?",
        answers={
            54: (55, 69),     # its #### sub-headings are answer
            243: (244, 255),
            407: (408, 527),  # ### and #### sub-headings inside
            607: (608, 608),
        },
        questions={334: "How do you deal with sparse data?", 578: "How do you deal with sparse data?"},
        numbers=[str(n) for n in range(1, 34)],
        style="heading",
    ),
    "ShuaiW": Expected(
        file="ShuaiW__data-science-question-answer__README.md",
        items=37,
        sections=["Resume", "SQL", "Tools and Framework", "Statistics and ML In General",
                  "Supervised Learning", "Unsupervised Learning", "Reinforcement Learning",
                  "Natural Language Processing", "System"],
        first="Difference between joins",
        last="Linux",
        answers={
            44: (46, 51),     # "[back to top]" at line 53 is navigation
            516: (518, 522),  # the one topic without a back-to-top link
            639: (641, 644),  # the footer after the last back-to-top is not answer
        },
        questions={131: "Mean Squared Error vs. Mean Absolute Error"},
        item_sections={44: 1, 559: 7, 639: 8},
        style="heading",
    ),
    "HaoyuanPeng": Expected(
        file="HaoyuanPeng__haoyuanpeng.github.io__2023-07-02-common_ml_problems_1_of_3.md",
        items=45,
        sections=[],
        first="overfitting / underfiting是指的什么",
        last="When transfer learning makes sense.",
        answers={
            18: (20, 21),
            49: (51, 68),     # display math with blank lines inside
            191: (192, 198),  # the one heading without bold
            304: (305, 306),  # the file ends without a newline
        },
        questions={191: "梯度消失和梯度爆炸是什么？怎么解决？"},
        style="heading",
    ),
    "bhoomeendra": Expected(
        file="bhoomeendra__ML__2023-05-30-Metrics.md",
        items=27,
        sections=["Classification Metrics", "Questions", "Regression Metrics",
                  "Retrieval Metrics", "Summarization Metrics", "Clustering Metrics",
                  "Segmentation Metrics"],
        first="Accuracy:",
        last="MAP",
        answers={
            11: (13, 13),
            49: (51, 81),     # "5. $$F_\beta$$ Score", bold sub-headings inside
            83: (83, 85),     # "_Needs revision_" after the term begins the answer
            89: (91, 91),
            141: (142, 142),  # the answer continues the term's paragraph
            181: (183, 225),  # BLEU: its numbered "Drawbacks" list is answer
            235: None,        # METEOR: unanswered
            288: None,
        },
        questions={49: "$$F_\\beta$$ Score", 83: "AUC ROC Curve:",
                   89: "What is the difference between accuracy and F1 score when the classes "
                       "are balanced?"},
        item_sections={11: 0, 89: 1, 94: 2, 288: 6},
        numbers="1 2 3 4 5 6 1 1 2 3 1 2 3 4 5 1 2 3 4 5 1 2 1 2 3 4 5".split(),
        style="list",
    ),
    "ajitsingh98": Expected(
        file="ajitsingh98__Machine-Learning-Interviews-Problems-And-Solutions__maths_questions.md",
        items=93,
        sections=["Contents", "Vector", "Matrices", "Calculus and Convex Optimization",
                  "Statistics", "Probability"],
        first="What’s the geometric interpretation of the dot product of two vectors?",
        last="Derive the maximum likelihood estimator of an exponential distribution.",
        answers={
            13: None,  # the first item of a nested list (its marker carries the indentation)
            32: None,  # the matrix after it is a column-0 fence, outside the list
            94: (95, 97),  # the choices of "Which of the following statements is true?"
            152: None,
        },
        questions={32: "Given the following matrix:", 44: "Find $x$ such that: $Ax=b$."},
        item_sections={13: 1, 42: 2, 94: 4, 152: 5},
        style="list",
    ),
}


# The files of collected/ (see collected/SOURCES.md), counted by hand the same way:
# - lydiahallie (en, zh-CN): the 155 `###### N.` headings; the `<details>` under each, with its
#   `#### 答案/Answer: X` heading, is the answer, which begins with the question's code and
#   options. No sections.
# - trimstray: the 14 bold bullets under "Simple Questions" (open prompts, no answer) and the
#   271 `<details><summary><b>…</b></summary>` questions; every heading, "System Questions (37)"
#   and the like included, is a section (21).
# - JavaGuide: the `###` headings under `##` sections (29, 24, 50), whether they ask or name a
#   topic ("Java SE vs Java EE"); `####` headings inside are answer text. rabbitmq-questions has
#   `##` questions only (17), "RabbitMQ 特点" among them; its `###` headings are answer text of
#   "RabbitMQ 有哪些重要概念？". The `## 提交事务` of mysql-questions-01 is inside a code fence.
# - seata (the Chinese FAQ of Apache Seata's website): the 43 `<h3 id='N'>Q: N.…</h3>` headings
#   (Q37–Q39 with a full-width `Q：`), each answered by what follows its closing tag, the bold
#   `**A:**` label included (Q42 and Q43 have none); the table of contents of `<a href="#N">`
#   links at the top and the `****` rules between answers are not questions. No sections.
COLLECTED = {
    "lydiahallie_en": Expected(
        file="lydiahallie__javascript-questions__README.md",
        items=155, sections=[], first="What's the output?", last="What's the output?",
        # The answer's last line is its last text: the closing tags and the `---` between
        # questions after it are markup and separator.
        answers={54: (56, 79), 86: (88, 109)},
        numbers=[str(n) for n in range(1, 156)], style="heading", collected=True),
    "lydiahallie_zh": Expected(
        file="lydiahallie__javascript-questions__README-zh_CN.md",
        items=155, sections=[], first="输出是什么？", last="输出什么？",
        answers={12: (14, 37), 44: (46, 67)},
        questions={3502: "这个函数干了什么？"}, style="heading", collected=True),
    "trimstray": Expected(
        file="trimstray__test-your-sysadmin-skills__README.md",
        items=285,
        sections=["Table of Contents", '<a name="introduction">Introduction</a>',
                  ':diamond_shape_with_a_dot_inside: <a name="simple-questions">Simple Questions</a>',
                  '<a name="general-knowledge">General Knowledge</a>',
                  ':diamond_shape_with_a_dot_inside: <a name="junior-sysadmin">Junior Sysadmin</a>',
                  "System Questions (37)", "Network Questions (23)", "Devops Questions (5)",
                  "Cyber Security Questions (1)",
                  ':diamond_shape_with_a_dot_inside: <a name="regular-sysadmin">Regular Sysadmin</a>',
                  "System Questions (60)", "Network Questions (24)", "Devops Questions (7)",
                  "Cyber Security Questions (4)",
                  ':diamond_shape_with_a_dot_inside: <a name="senior-sysadmin">Senior Sysadmin</a>',
                  "System Questions (61)", "Network Questions (27)", "Devops Questions (5)",
                  "Cyber Security Questions (5)", '<a name="secret-knowledge">Secret Knowledge</a>',
                  ':diamond_shape_with_a_dot_inside: <a name="guru-sysadmin">Guru Sysadmin</a>'],
        first="What did you learn this week?",
        last="How do <code>SO_REUSEADDR</code> and <code>SO_REUSEPORT</code> differ? Explain all "
             "socket implementations. ***",
        answers={71: None},
        questions={191: "How do you get help on the command line? ***"},
        item_sections={71: 2, 93: 5}, collected=True),
    "javaguide_basic": Expected(
        file="Snailclimb__JavaGuide__java-basic-questions-01.md",
        items=29, sections=["基础概念与常识", "基本语法", "⭐️ 基本数据类型", "变量", "方法", "参考"],
        first="Java 语言有哪些特点？", last="什么是可变长参数？",
        answers={15: (17, 32), 34: (36, 41), 43: (45, 84)},
        questions={34: "Java SE vs Java EE"}, item_sections={15: 0, 1208: 4},
        style="heading", collected=True),
    "javaguide_collection": Expected(
        file="Snailclimb__JavaGuide__java-collection-questions-01.md",
        items=24, sections=["集合概述", "List", "Set", "Queue", "数据结构延伸阅读"],
        first="Java 集合概览", last="⭐️ ArrayBlockingQueue 和 LinkedBlockingQueue 有什么区别？",
        answers={17: (19, 25)}, style="heading", collected=True),
    "javaguide_mysql": Expected(
        file="Snailclimb__JavaGuide__mysql-questions-01.md",
        items=50,
        sections=["MySQL 基础", "MySQL 字段类型", "MySQL 基础架构", "MySQL 存储引擎", "⭐️MySQL 索引",
                  "MySQL 查询缓存", "⭐️MySQL 日志", "⭐️MySQL 事务", "MySQL 锁", "⭐️MySQL 性能优化",
                  "MySQL 学习资料推荐", "参考"],
        first="什么是关系型数据库？", last="MySQL 性能怎么优化？",
        answers={16: (18, 28)}, style="heading", collected=True),
    "javaguide_rabbitmq": Expected(
        file="Snailclimb__JavaGuide__rabbitmq-questions.md",
        items=17, sections=[], first="RabbitMQ 是什么？", last="RabbitMQ 使用中有哪些常见误区？",
        answers={17: (19, 21), 23: (25, 32)}, questions={23: "RabbitMQ 特点"},
        style="heading", collected=True),
}
COLLECTED["seata"] = Expected(
    file="apache__incubator-seata-website__faq.md",
    items=43, sections=[], first="Seata 目前可以用于生产环境吗？",
    last="怎么处理@FeignClient注解url不起效，提示 Load balancer does not have available server "
         "for client的问题？",
    answers={142: (144, 145), 305: (307, 312), 571: (573, 624), 651: (653, 657)},
    questions={305: "java.lang.NoSuchMethodError: com.alibaba.druid.sql.ast.statement\n"
                    ".SQLSelect.getFirstQueueBlockLcom/alibaba/druid/sql/ast/statement/"
                    "SQLSelectQueryBlock;",
               547: "为什么在客户端在编译和运行时 JDK 版本都是 1.8 的情况下还会出现 "
                    "java.nio.ByteBuffer.flip()Ljava/nio/ByteBuffer 错误 ?"},
    numbers=[str(n) for n in range(1, 44)], style="heading", collected=True)
# - dolphinscheduler (Apache DolphinScheduler's Chinese FAQ): 57 `## Q：…` headings, each
#   answered by an `A：` paragraph (five write `A ：`, the space an input method leaves), and two
#   plain `##` headings near the end (lines 556 and 593) that state a problem and answer it
#   without labels: FAQ entries a reader sees, 59 questions. `1，` points inside answers are
#   answer text.
COLLECTED["dolphinscheduler"] = Expected(
    file="apache__dolphinscheduler__faq.md",
    items=59, sections=[], first="项目的名称是？",
    last="缓存执行时怎么判断任务已经存在缓存过的任务，即如何判断一个任务可以使用另外一个任务的运行结果？",
    answers={3: (5, 5), 74: (76, 89), 232: (234, 240), 556: (558, 591), 593: (595, 601),
             723: (725, 739)},
    questions={617: "Update process definition error: Duplicate key TaskDefinition"},
    style="heading", collected=True)
# - mkdocs-material (two pages of its documentation, not Q&A files but each with questions
#   in `??? question "…"` admonitions): site analytics 2, tags 1. Every heading is a section,
#   "### Was this page helpful?" too: it names the feedback widget, and the admonition
#   question under it is its own. An answer ends with the link reference definitions after
#   the admonition's body (indented two spaces, so inside the item the grammar sees): they
#   are invisible, and the answer's links need them.
COLLECTED["mkdocs_analytics"] = Expected(
    file="squidfunk__mkdocs-material__setting-up-site-analytics.md",
    items=2,
    sections=["Configuration", "Google Analytics", "Was this page helpful?", "Usage",
              "Hiding the feedback widget", "Customization", "Custom site analytics",
              "Custom site feedback"],
    first="How to measure site search usage?",
    last="How to visualize the collected feedback ratings?",
    answers={35: (37, 47), 93: (95, 140)}, item_sections={35: 1, 93: 2},
    style="admonition", collected=True)
COLLECTED["mkdocs_tags"] = Expected(
    file="squidfunk__mkdocs-material__setting-up-tags.md",
    items=1,
    sections=["Configuration", "Built-in tags plugin", "Tag icons and identifiers", "Usage",
              "Adding tags", "Adding a tags index", "Advanced features",
              "Configurable listings", "Scoped listings", "Shadow tags", "Nested tags",
              "Hiding tags on a page"],
    first="How to set tags for an entire folder?", last="How to set tags for an entire folder?",
    answers={136: (138, 155)}, item_sections={136: 4}, style="admonition", collected=True)
# - JavaGuide's huawei-od-275-days (an essay of an interview experience, Apache-2.0): its
#   interview part lists the interviewer's questions as `1、…` paragraphs, numbered from 1 under
#   each of five headings: 19 questions, the few that only name a topic ("1、TCP 的三次握手；")
#   among them. A reader of that part calls it Q&A, and those are the questions a deck of this
#   file should hold; the essay around them is not. Every heading is a section, also the three
#   that ask ("### 那，到底要不要去华为 OD？" titles the author's advice, not a question put to
#   the reader); the `1）` points, the bold lines ("**条件 2 连续两次绩效 A**") and the
#   `Q：`/`A：` exchange quoted in the third interview are not questions. An answer is what
#   follows a question up to the next one (the `> 引申：` follow-ups, a command list); most
#   questions have none, as the text says ("这里只写题目").
COLLECTED["javaguide_huawei"] = Expected(
    file="Snailclimb__JavaGuide__huawei-od-275-days.md",
    items=19,
    sections=["时间线", "华为 OD 工作经历总结", "为什么会去华为 OD", "华为 OD 的工作内容",
              "OD 与华为自有员工的对比", "那，到底要不要去华为 OD？", "网传的 OD 转华为正编，真的假的？",
              "真的感谢 OD，也感谢华为", "投简历，找面试官求虐", "开始面试", "鹅厂，去还是不去？",
              "我的鹅厂面试", "技术一面", "Java 语言相关", "通用学科相关", "项目框架相关", "问题定位方法",
              "技术二面", "技术三面", "文末的絮叨"],
    first="对 Java 的类加载器有没有了解？如何自定义类加载器？",
    last="项目中遇到的难题，如何解决的？",
    answers={222: (224, 224), 226: None, 250: None, 252: (254, 258), 278: (280, 284),
             286: (288, 288), 298: (300, 300)},
    questions={250: "TCP 的三次握手；", 296: "对 Elasticsearch 的优化，它的索引过程，选主过程等问题……"},
    item_sections={222: 13, 250: 14, 262: 15, 274: 16, 294: 17},
    numbers="1 2 3 4 5 6 7 8 1 2 1 2 3 1 2 3 1 2 3".split(),
    style="paragraph", collected=True)
# - Sa-Token's common-questions (dromara/Sa-Token, Apache-2.0): the 65 `### Q：…` headings,
#   under two sections numbered in Chinese numerals, `## 一、常见报错` and `## 二、常见疑问`
#   (1 and 2); the `1、` and `1.` points inside answers are answer text.
COLLECTED["satoken"] = Expected(
    file="dromara__Sa-Token__common-questions.md",
    items=65, sections=["一 常见报错", "二 常见疑问"],
    first="报错：SaTokenContext 上下文尚未初始化", last="还是有不明白到的地方?",
    answers={13: (15, 40), 232: (233, 248), 370: (371, 446), 720: (722, 747),
             997: (998, 1043), 1087: (1088, 1088)},
    questions={51: "报错：NotLoginException：xxx"},
    item_sections={13: 0, 720: 0, 757: 1, 1087: 1}, style="heading", collected=True)
# - RocketMQ's Chinese FAQ (apache/rocketmq, Apache-2.0): the 14 bold numbered list items
#   under four `## N 名称` sections, each list numbered from 1; two state a problem rather
#   than ask ("消费者无法在广播模式下开始加载 json 文件"). The `1）` points indented under a
#   question are its answer.
COLLECTED["rocketmq"] = Expected(
    file="apache__rocketmq__FAQ.md",
    items=14, sections=["1 基本", "2 使用", "3 配置相关", "4 错误"],
    first="为什么我们要使用RocketMQ而不是选择其他的产品？",
    last="Producer提示“No Topic Route Info”，如何诊断？",
    answers={17: (19, 23), 61: (63, 68), 84: (86, 96), 98: (100, 110)},
    questions={78: "消费者无法在广播模式下开始加载 json 文件"},
    item_sections={7: 0, 17: 1, 53: 2, 98: 3},
    numbers="1 2 1 2 3 4 5 1 2 3 1 2 3 4".split(), style="list", collected=True)
# - PaddleClas (its image classification FAQ of 2020, in English and in Chinese): the 36
#   `### QN.M:` headings (sixteen without the colon) under six "Issue N" / "第 N 期" sections;
#   Q6.4 was never written. The English file types Q3.5 as a level-2 heading: a reader still
#   sees question 3.5, and a section (its answer is not Issue 3's). "Catalogue" / "目录" is a
#   section too. A figure between a question and its `**A**` label is the question's.
PADDLECLAS_NUMBERS = [f"Q{issue}.{n}" for issue, count in ((1, 7), (2, 5), (3, 5), (4, 5), (5, 10))
                      for n in range(1, count + 1)] + ["Q6.1", "Q6.2", "Q6.3", "Q6.5"]
COLLECTED["paddleclas_en"] = Expected(
    file="PaddlePaddle__PaddleClas__faq_2020_s1_en.md",
    items=36,
    sections=["Catalogue", "Issue 1", "Issue 2", "Issue 3",
              "Q3.5 How to further accelerate the model training?", "Issue 4", "Issue 5",
              "Issue 6"],
    first="What can PaddleClas be used for?",
    last='When building a classification dataset, how to build the data of the "background" '
         'category?',
    answers={16: (18, 26), 38: (40, 54), 142: (144, 158), 195: (197, 207), 384: (386, 390)},
    questions={38: "How to choose appropriate ResNet models for the actual scenario?"},
    item_sections={16: 1, 142: 4, 162: 5, 384: 7},
    numbers=PADDLECLAS_NUMBERS,
    style="heading", collected=True)
COLLECTED["paddleclas_zh"] = Expected(
    file="PaddlePaddle__PaddleClas__faq_2020_s1.md",
    items=36,
    sections=["目录", "第 1 期", "第 2 期", "第 3 期", "第 4 期", "第 5 期", "第 6 期"],
    first="PaddleClas 可以用来做什么?",
    last="构建分类数据集时，如何构建\"背景\"类别的数据？",
    answers={15: (16, 22), 121: (123, 138), 170: (172, 180)},
    questions={32: "如果确定使用 ResNet 系列模型，怎么根据实际的场景需求选用不同的模型呢？"},
    item_sections={15: 1, 121: 3, 345: 6},
    numbers=PADDLECLAS_NUMBERS,
    style="heading", collected=True)
# - PaddleSeg (its FAQ): the 7 `## QN:` headings under the lone `# FAQ` title, each answered
#   by a `* **Answer**:` bullet and blockquotes (Q7 by blockquotes alone).
COLLECTED["paddleseg"] = Expected(
    file="PaddlePaddle__PaddleSeg__faq.md",
    items=7, sections=[],
    first="How to load the weight parameters of the pre-trained model locally？",
    last="After resuming training, why does vdl only visualize the second half? How to "
         "visualize the interrupted half?",
    answers={4: (6, 16), 88: (90, 97)},
    numbers=[f"Q{n}" for n in range(1, 8)], style="heading", collected=True)
# - doris (Apache Doris's install FAQ, English): the 14 `### QN.` headings, most naming an error
#   rather than asking. `### ### Q14.` shows its doubled marker as text and is question 14.
#   The lone `# Operation and Maintenance Error` title is no section; numbered lists, code
#   fences and the nginx configuration are answer text.
COLLECTED["doris"] = Expected(
    file="apache__doris__install-faq.md",
    items=14, sections=[],
    first="Why is there always some tablet left when I log off the BE node through "
          "DECOMMISSION?",
    last="Doris upgrades to version 1.0 or later and reports error ``Failed to set ciphers to "
         "use (2026)` in MySQL appearance via ODBC.",
    answers={31: (33, 38), 176: (178, 249), 274: (275, 282), 284: (285, 295)},
    questions={260: "Lost connection to MySQL server at 'reading initial communication "
                    "packet', system error: 0"},
    numbers=[f"Q{n}" for n in range(1, 15)], style="heading", collected=True)
# - PaddleOCR's FAQ (its first three parts, up to 【实战篇】): the 47 `#### QN.M.K：` headings
#   (full-width or ASCII colon, three without one: `#### Q2.1.4 印章如何识别`) under `##`/`###`
#   sections; `### Q3.4.26:`, one level up, is a question and a section, as PaddleClas's
#   `## Q3.5:`. The "近期更新" part at the top repeats questions of later parts under their own
#   numbers (Q2.3.18 is asked again at line 295); `#### Q3.12：` in the Q2.3 run is a typo for
#   Q2.3.12. The `（1）` points inside answers are answer text.
COLLECTED["paddleocr"] = Expected(
    file="PaddlePaddle__PaddleOCR__FAQ.md",
    items=47,
    sections=["写在前面", "PaddleOCR常见问题汇总(持续更新)", "近期更新（2021.1.4）",
              "Q3.4.26 目前paddle hub serving 只支持 imgpath，如果我想用imgurl 去哪里改呢？",
              "【精选】OCR精选10个问题", "【理论篇】OCR通用问题", "基础知识", "数据集", "模型训练调优"],
    first="请问有哪些修改骨干网络的技巧？",
    last="请问有哪些修改骨干网络的技巧？",
    answers={28: (30, 30), 58: (60, 64), 113: (115, 125), 161: (162, 162), 267: (269, 273)},
    questions={161: "印章如何识别", 267: "如何识别带空格的英文行文本图像？"},
    item_sections={28: 2, 45: 3, 58: 4, 148: 6, 267: 8},
    numbers=["Q2.3.18", "Q3.1.29", "Q3.1.30", "Q3.1.31", "Q3.4.26"]
            + [f"Q1.1.{n}" for n in range(1, 11)] + [f"Q2.1.{n}" for n in range(1, 8)]
            + [f"Q2.2.{n}" for n in range(1, 8)] + [f"Q2.3.{n}" for n in range(1, 12)]
            + ["Q3.12"] + [f"Q2.3.{n}" for n in range(13, 19)],
    style="heading", collected=True)
FILES.update(COLLECTED)


def run(*args):
    return subprocess.run([ARGS.qadeck, *args], capture_output=True, text=True, timeout=60)


def describe_exit(result):
    code = result.returncode
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"crashed with {name}"
    return f"exited {code}"


class SharedData(unittest.TestCase):
    """Fails, never skips, when the shared test data is missing: CI always has it."""

    def setUp(self):
        if ARGS.qadeck is None or ARGS.shared is None:
            self.fail("run through main: realworld_test.py --qadeck BINARY --shared FOLDER")
        shared = Path(ARGS.shared)
        if not (shared / "realworld" / "SOURCES.md").is_file():
            self.fail(f"the shared test data is missing: no {shared / 'realworld' / 'SOURCES.md'}"
                      " (CI keeps it at ../shared beside the repository; configure with"
                      " -DQADECK_SHARED_DIR=PATH or pass --shared PATH)")
        self.shared = shared

    def qadeck_ok(self, *args):
        """Runs qadeck; it must not crash or fail internally (exit 0 or 1)."""
        result = run(*args)
        self.assertIn(result.returncode, (0, 1),
                      f"`qadeck {' '.join(args)}` {describe_exit(result)}:\n{result.stderr}")
        return result

    def inspect(self, path):
        result = self.qadeck_ok("inspect", str(path), "--format", "json")
        model = json.loads(result.stdout)
        self.assertEqual(model["version"], 1)
        self.check_invariants(model)
        return model

    def check_invariants(self, model):
        items = model["items"]
        for i, item in enumerate(items):
            where = f"item at line {item['line']}"
            if i > 0:
                self.assertGreater(item["line"], items[i - 1]["line"], where)
            if item["section"] is not None:
                self.assertIn(item["section"], range(len(model["sections"])), where)
                self.assertLessEqual(model["sections"][item["section"]]["line"], item["line"],
                                     where)
            if item["answer_line"] is None:
                self.assertIsNone(item["answer_end_line"], where)
                continue
            self.assertGreaterEqual(item["answer_line"], item["line"], where)
            self.assertGreaterEqual(item["answer_end_line"], item["answer_line"], where)
            if i + 1 < len(items):
                self.assertLess(item["answer_end_line"], items[i + 1]["line"], where)


def section_title(section):
    return section["title"] if section["number"] is None else f"{section['number']} {section['title']}"


class RealWorldFile:
    """The checks of one real-world file; a TestCase per file is made below."""

    key = None

    @property
    def expected(self):
        return FILES[self.key]

    @property
    def path(self):
        if self.expected.collected:
            return HERE / "collected" / self.expected.file
        return self.shared / "realworld" / self.expected.file

    def test_questions_a_reader_sees(self):
        e = self.expected
        model = self.inspect(self.path)
        items = model["items"]
        lines = {item["line"]: item for item in items}
        listing = "\n".join(f"  {i['line']}: {i['question']}" for i in items)
        self.assertEqual(len(items), e.items, f"questions found:\n{listing}")
        self.assertEqual([section_title(s) for s in model["sections"]], e.sections)
        self.assertEqual(items[0]["question"], e.first)
        self.assertEqual(items[-1]["question"], e.last)
        for line, text in e.questions.items():
            self.assertIn(line, lines, f"no question at line {line}")
            self.assertEqual(lines[line]["question"], text, f"the question at line {line}")
        for line, section in e.item_sections.items():
            self.assertIn(line, lines, f"no question at line {line}")
            self.assertEqual(lines[line]["section"], section, f"the section of line {line}")
        for line, answer in e.answers.items():
            self.assertIn(line, lines, f"no question at line {line}")
            got = lines[line]
            got = None if got["answer_line"] is None else (got["answer_line"], got["answer_end_line"])
            self.assertEqual(got, answer, f"the answer lines of the question at line {line}")
        if e.numbers is not None:
            self.assertEqual([i["number"] for i in items], e.numbers)
        if e.style is not None:
            self.assertEqual({i["style"] for i in items}, {e.style})

    def test_stable_findings(self):
        result = self.qadeck_ok("lint", str(self.path), "--format", "json")
        report = json.loads(result.stdout)
        unstable = COLLECTED_UNSTABLE_RULES if self.expected.collected else UNSTABLE_RULES
        findings = sorted((d["line"], d["rule"]) for d in report["diagnostics"]
                          if d["rule"] not in unstable)
        snapshot = EXPECTED_DIR / f"{self.key}.findings"
        if ARGS.update or os.environ.get(UPDATE_ENV):
            folder = "tests/realworld/collected" if self.expected.collected else "../shared/realworld"
            write_snapshot(snapshot, f"{folder}/{self.expected.file}", findings, unstable)
        expected = read_snapshot(snapshot)
        missing = list_difference([(line, rule) for line, rule, _ in expected], findings)
        unexpected = list_difference(findings, [(line, rule) for line, rule, _ in expected])
        if missing or unexpected:
            lines = [f"`qadeck lint` findings differ from {snapshot.relative_to(HERE.parent.parent)}:"]
            lines += [f"  missing:    line {line} {rule}" for line, rule in missing]
            lines += [f"  unexpected: line {line} {rule}" for line, rule in unexpected]
            lines.append(f"If the change is right, update the snapshot ({UPDATE_ENV}=1 ctest -L "
                         "realworld, or --update) and say in it why each new finding is a real "
                         "defect.")
            self.fail("\n".join(lines))
        todo = [f"  line {line} {rule}" for line, rule, reason in expected
                if not reason or reason.startswith("TODO")]
        self.assertFalse(todo, f"{snapshot.name}: say why each finding is a real defect:\n"
                         + "\n".join(todo))
        false_positives = [f"  line {line} {rule}: {reason}" for line, rule, reason in expected
                           if reason.upper().startswith("FALSE POSITIVE")]
        if false_positives:
            print(f"\n{snapshot.name}: known false positives, rule bugs to fix:\n"
                  + "\n".join(false_positives), file=sys.stderr)


def list_difference(a, b):
    """The entries of a not in b, counting repeats."""
    rest = list(b)
    out = []
    for entry in a:
        if entry in rest:
            rest.remove(entry)
        else:
            out.append(entry)
    return out


SNAPSHOT_LINE = re.compile(r"^(\d+)\s+(\S+)\s*(?:#\s*(.*))?$")


def read_snapshot(path):
    """[(line, rule, reason)] from a findings snapshot; a missing file means no findings."""
    if not path.exists():
        return []
    entries = []
    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = SNAPSHOT_LINE.match(text.strip())
        if not match:
            raise AssertionError(f"{path}:{n}: expected `LINE RULE  # reason`, got {text!r}")
        entries.append((int(match[1]), match[2], (match[3] or "").strip()))
    return entries


def write_snapshot(path, source, findings, unstable):
    """Rewrites a snapshot with `findings`, keeping the reasons of those that remain."""
    old = read_snapshot(path)
    reasons = {}
    for line, rule, reason in old:
        reasons.setdefault((line, rule), []).append(reason)
    body = []
    for line, rule in findings:
        kept = reasons.get((line, rule)) or ["TODO: why is this a real defect?"]
        body.append(f"{line} {rule}  # {kept.pop(0)}")
    header = [
        f"# The stable findings of `qadeck lint --format json` in {source}",
        "# One a line: LINE RULE  # why it is a real defect in the file",
        "# (or \"FALSE POSITIVE: why not\", kept only until the rule is fixed).",
        f"# Left out, as they depend on the machine: {', '.join(sorted(unstable))}.",
        f"# Rewrite with {UPDATE_ENV}=1 ctest --test-dir build -L realworld (reasons are kept).",
    ]
    if "link.file" not in unstable:
        header.append("# link.file \"not copied\": the target exists in the source repository, not "
                      "beside this copy; \"real\": it is missing from the source too.")
    text = "\n".join(header + (body or ["# No findings."])) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        added = list_difference(findings, [(l, r) for l, r, _ in old])
        removed = list_difference([(l, r) for l, r, _ in old], findings)
        print(f"updated {path}: {len(added)} added, {len(removed)} removed", file=sys.stderr)


class Controls(SharedData):
    """The documents the extractor was built for still come out right."""

    def test_seed(self):
        model = self.inspect(self.shared / "seed" / "deep-learning-qa.md")
        self.assertEqual([section_title(s) for s in model["sections"]], ["1 Deep Learning"])
        items = model["items"]
        self.assertEqual(len(items), 25)
        self.assertEqual(items[0]["line"], 59)
        self.assertEqual([i["number"] for i in items], [str(n) for n in range(1, 26)])
        self.assertEqual({i["style"] for i in items}, {"html-bold"})

    def test_generated_corpus(self):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, str(self.shared / "tools" / "gen_corpus.py"),
                            "--out", out, "--files", "3", "--questions", "200", "--seed", "7",
                            "--defect-rate", "0.02"], check=True, capture_output=True)
            files = sorted(Path(out).glob("*.md"))
            self.assertEqual(len(files), 3)
            for path in files:
                with self.subTest(path.name):
                    text = path.read_text(encoding="utf-8").split("\n")
                    questions = [n for n, line in enumerate(text, 1)
                                 if re.match(r"\s*(<p[^>]*>\s*)?<b>\s*\d+\.", line)]
                    sections = [(n, line[3:]) for n, line in enumerate(text, 1)
                                if re.match(r"## \d+\. ", line)]
                    model = self.inspect(path)
                    self.assertEqual([i["line"] for i in model["items"]], questions)
                    self.assertEqual([(s["line"], f"{s['number']}. {s['title']}")
                                      for s in model["sections"]], sections)


for _key in FILES:
    globals()[_key] = type(_key, (RealWorldFile, SharedData), {"key": _key})
del _key


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qadeck", required=True, help="the qadeck binary")
    parser.add_argument("--shared", required=True, help="the shared test data folder")
    parser.add_argument("--update", action="store_true", help="rewrite the findings snapshots")
    parser.add_argument("tests", nargs="*", help="file keys or Controls (default: all)")
    args = parser.parse_args()
    ARGS.qadeck, ARGS.shared, ARGS.update = args.qadeck, args.shared, args.update
    names = args.tests or [*FILES, "Controls"]
    unittest.main(argv=[sys.argv[0], "-v", *names])


if __name__ == "__main__":
    main()
