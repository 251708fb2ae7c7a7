# Host dependencies: Unicorn >= 2.1 (system, or the copy scripts/setup.sh
# unpacked into .deps/unicorn), libelf, SDL2, cmocka, capstone, libconfig
# (the scenario files of multi-node runs).
find_package(PkgConfig REQUIRED)

set(UNICORN_LOCAL ${CMAKE_SOURCE_DIR}/.deps/unicorn/usr)
pkg_check_modules(UNICORN_SYS QUIET unicorn>=2.1)
if(UNICORN_SYS_FOUND)
  set(UNICORN_INCLUDE_DIRS ${UNICORN_SYS_INCLUDE_DIRS})
  find_library(UNICORN_LIBRARY unicorn HINTS ${UNICORN_SYS_LIBRARY_DIRS} REQUIRED)
elseif(EXISTS ${UNICORN_LOCAL}/include/unicorn/unicorn.h)
  set(UNICORN_INCLUDE_DIRS ${UNICORN_LOCAL}/include)
  find_library(UNICORN_LIBRARY unicorn
    PATHS ${UNICORN_LOCAL}/lib/x86_64-linux-gnu ${UNICORN_LOCAL}/lib
    NO_DEFAULT_PATH REQUIRED)
  get_filename_component(UNICORN_LIBDIR ${UNICORN_LIBRARY} DIRECTORY)
  set(CMAKE_BUILD_RPATH ${UNICORN_LIBDIR})
else()
  message(FATAL_ERROR "Unicorn >= 2.1 not found: run scripts/setup.sh first")
endif()
add_library(unicorn_dep INTERFACE)
target_include_directories(unicorn_dep INTERFACE ${UNICORN_INCLUDE_DIRS})
target_link_libraries(unicorn_dep INTERFACE ${UNICORN_LIBRARY})

pkg_check_modules(LIBELF REQUIRED IMPORTED_TARGET libelf)
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
pkg_check_modules(CAPSTONE REQUIRED IMPORTED_TARGET capstone)
pkg_check_modules(LIBCONFIG REQUIRED IMPORTED_TARGET libconfig)
