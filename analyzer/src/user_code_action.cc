#include "user_code_action.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/FrontendAction.h>

#include <vector>

namespace weft::vet {
namespace {

class UserCodeConsumer : public clang::ASTConsumer {
 public:
  explicit UserCodeConsumer(clang::ast_matchers::MatchFinder& finder) : finder_(finder) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    const clang::SourceManager& sm = context.getSourceManager();
    std::vector<clang::Decl*> scope;
    for (clang::Decl* d : context.getTranslationUnitDecl()->decls()) {
      if (!sm.isInSystemHeader(sm.getExpansionLoc(d->getLocation()))) scope.push_back(d);
    }
    context.setTraversalScope(scope);
    finder_.matchAST(context);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
};

class UserCodeAction : public clang::ASTFrontendAction {
 public:
  explicit UserCodeAction(clang::ast_matchers::MatchFinder& finder) : finder_(finder) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<UserCodeConsumer>(finder_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
};

class UserCodeFactory : public clang::tooling::FrontendActionFactory {
 public:
  explicit UserCodeFactory(clang::ast_matchers::MatchFinder& finder) : finder_(finder) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<UserCodeAction>(finder_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
};

}  // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory> match_user_code(
    clang::ast_matchers::MatchFinder& finder) {
  return std::make_unique<UserCodeFactory>(finder);
}

}  // namespace weft::vet
