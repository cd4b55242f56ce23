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
  UserCodeConsumer(clang::ast_matchers::MatchFinder& finder, TuContext& tu) : finder_(finder), tu_(tu) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    const clang::SourceManager& sm = context.getSourceManager();
    std::vector<clang::Decl*> scope;
    for (clang::Decl* d : context.getTranslationUnitDecl()->decls()) {
      if (!sm.isInSystemHeader(sm.getExpansionLoc(d->getLocation()))) scope.push_back(d);
    }
    context.setTraversalScope(scope);
    const TuContext::Bind bound(context, tu_);
    finder_.matchAST(context);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  TuContext& tu_;
};

class UserCodeAction : public clang::ASTFrontendAction {
 public:
  UserCodeAction(clang::ast_matchers::MatchFinder& finder, TuContext& tu) : finder_(finder), tu_(tu) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<UserCodeConsumer>(finder_, tu_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  TuContext& tu_;
};

class UserCodeFactory : public clang::tooling::FrontendActionFactory {
 public:
  UserCodeFactory(clang::ast_matchers::MatchFinder& finder, TuContext& tu) : finder_(finder), tu_(tu) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<UserCodeAction>(finder_, tu_);
  }

 private:
  clang::ast_matchers::MatchFinder& finder_;
  TuContext& tu_;
};

}  // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory> match_user_code(
    clang::ast_matchers::MatchFinder& finder, TuContext& tu) {
  return std::make_unique<UserCodeFactory>(finder, tu);
}

}  // namespace weft::vet
