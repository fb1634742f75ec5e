# ci/package: a Debian package and a .tar.gz of what `cmake --install` installs (the binary,
# the man page, the bash, zsh and fish completions), made by CPack.
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_PACKAGE_NAME qadeck)
set(CPACK_PACKAGE_VENDOR qadeck)
set(CPACK_PACKAGE_CONTACT "qadeck maintainers <qadeck@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "qadeck checks numbered question-and-answer study material kept as Markdown (numbering, "
    "language, LaTeX, HTML, links, structure) as a pre-commit hook or a pull-request check, "
    "and exports it to Anki decks, JSON and PDF.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_STRIP_FILES ON)
# The archive unpacks to one folder laid out like a prefix: bin/, share/man/, share/…/completions.
set(CPACK_PACKAGE_FILE_NAME "qadeck-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # qadeck_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Depends: what the binary links, as dpkg-shlibdeps finds it (with QADECK_STATIC_LIBS, libc
# alone), and what it opens with dlopen (tools/core/shared_library.h), which shlibdeps cannot
# see: SQLite and libzip for the Anki export. The minimum versions are those of the newest
# symbols qadeck resolves (zip_file_set_dostime, sqlite3_serialize), as the packages' symbols
# files give them. libcld2 is compiled in (cmake/cld2.cmake).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsqlite3-0 (>= 3.36.0), libzip4 (>= 1.6.0)")
# Recommends: what the optional parts load or run, which shlibdeps cannot see. libcurl is
# loaded with dlopen when an external link is checked; git makes folder walks skip what
# .gitignore ignores and runs --changed-since; pandoc, xelatex and the fonts make the PDF
# export (the same list as `ci/setup --pdf`). Linting needs none of them:
# `apt-get install --no-install-recommends` gives a lint-only qadeck.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "libcurl4, git, pandoc, texlive-xetex, texlive-latex-recommended, texlive-lang-cjk, texlive-lang-chinese, texlive-fonts-recommended, lmodern, fonts-noto-cjk, fonts-dejavu-core")

include(CPack)
